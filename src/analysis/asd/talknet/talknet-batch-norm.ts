import type { BatchNormParams } from "../../onnx-builder";
import type { TalknetWeights } from "./verify-talknet-checkpoint";

/** Eval BatchNorm parameters of `prefix` (eps differs by module in TalkNet: 1e-3 visual frontend, else 1e-5). */
export function talknetBatchNorm(weights: TalknetWeights, prefix: string, eps: number): BatchNormParams {
  return {
    weight: weights.tensor(`${prefix}.weight`),
    bias: weights.tensor(`${prefix}.bias`),
    runningMean: weights.tensor(`${prefix}.running_mean`),
    runningVar: weights.tensor(`${prefix}.running_var`),
    eps,
  };
}
