import type { GraphBuilder } from "../onnx-builder";

/** MFCC [B, 4T, 13] → [B, 1, 13, 4T]: the models put a channel axis in front and swap time and coefficients. */
export function addAudioInput(g: GraphBuilder, audio: string): string {
  return g.op("Transpose", [g.op("Unsqueeze", [audio, g.int64s([1])])], { perm: [0, 1, 3, 2] });
}
