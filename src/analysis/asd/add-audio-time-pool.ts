import type { GraphBuilder } from "../onnx-builder";

/**
 * The audio encoders' MaxPool3d((1,1,3), (1,1,2), (0,0,1)) on a 4-D tensor acts, unbatched, on the last axis only:
 * a 1-D max pool over time, kernel 3, stride 2, padding 1 (padding never wins). 4T → 2T → T.
 */
export function addAudioTimePool(g: GraphBuilder, input: string): string {
  return g.op("MaxPool", [input], { kernel_shape: [1, 3], strides: [1, 2], pads: [0, 1, 0, 1] });
}
