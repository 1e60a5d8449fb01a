import { getFloatTensor, type Checkpoint } from "../checkpoint";
import type { BatchNormParams } from "../onnx-builder";

export interface ReadBatchNormOptions {
  checkpoint: Checkpoint;
  /** State-dict prefix, e.g. "model.visualEncoder.block1.s_norm_1". */
  prefix: string;
  channels: number;
  /** LR-ASD and Light-ASD build every BatchNorm with eps 1e-3 (not PyTorch's 1e-5). */
  eps: number;
}

/** Reads an eval BatchNorm's four tensors, checking their sizes. */
export function readBatchNorm(options: ReadBatchNormOptions): BatchNormParams {
  const { checkpoint, prefix, channels } = options;
  const read = (suffix: string) =>
    getFloatTensor({ checkpoint, name: `${prefix}.${suffix}`, shape: [channels] });
  return {
    weight: read("weight"),
    bias: read("bias"),
    runningMean: read("running_mean"),
    runningVar: read("running_var"),
    eps: options.eps,
  };
}
