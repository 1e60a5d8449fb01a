import type { GraphBuilder } from "../onnx-builder";
import { addReduce } from "../onnx-builder";

/** [B, 128, 13, T] → mean over the coefficient axis → [B, T, 128]. */
export function addAudioEmbedding(g: GraphBuilder, input: string): string {
  const mean = addReduce(g, { op: "ReduceMean", input, axes: [2] });
  return g.op("Transpose", [mean], { perm: [0, 2, 1] });
}
