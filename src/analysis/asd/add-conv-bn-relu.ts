import { getFloatTensor, type Checkpoint } from "../checkpoint";
import { addConv, foldBatchNorm, type GraphBuilder } from "../onnx-builder";
import { ASD_BATCH_NORM_EPS } from "./asd-model-kind";
import { readBatchNorm } from "./read-batch-norm";

export interface AddConvBnReluOptions {
  checkpoint: Checkpoint;
  input: string;
  /** State-dict name of a bias-free Conv2d weight [out, in, kh, kw]; "same" zero padding, stride 1. */
  conv: string;
  /** State-dict prefix of the BatchNorm that follows the conv. */
  batchNorm: string;
}

/** Conv2d + eval BatchNorm (folded into the conv) + ReLU, as used throughout both audio encoders. */
export function addConvBnRelu(g: GraphBuilder, options: AddConvBnReluOptions): string {
  const { checkpoint } = options;
  const raw = getFloatTensor({ checkpoint, name: options.conv });
  const shape = checkpoint.byName.get(options.conv)!.shape;
  if (shape.length !== 4) throw new Error(`${options.conv}: expected a 4-D Conv2d weight`);
  const batchNorm = readBatchNorm({
    checkpoint,
    prefix: options.batchNorm,
    channels: shape[0]!,
    eps: ASD_BATCH_NORM_EPS,
  });
  const folded = foldBatchNorm({ weight: raw, batchNorm });
  const conv = addConv(g, {
    input: options.input,
    weight: folded.weight,
    bias: folded.bias,
    weightShape: shape,
    padding: [(shape[2]! - 1) / 2, (shape[3]! - 1) / 2],
    name: options.conv,
  });
  return g.op("Relu", [conv]);
}
