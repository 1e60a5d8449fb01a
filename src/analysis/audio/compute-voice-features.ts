// Per analysis frame, features that tell voices apart: the mean of MFCC coefficients 1..12 over the frame's
// 10 ms rows (coefficient 0, the loudness, says nothing about who speaks). Pure.
import { MFCC_COEFFICIENT_COUNT } from "./compute-mfcc";

export const VOICE_FEATURE_DIMS = MFCC_COEFFICIENT_COUNT - 1;

export interface ComputeVoiceFeaturesInput {
  /** rows × 13 MFCC, row-major (computeMfcc). */
  mfcc: Float32Array;
  rows: number;
  rowsPerFrame: number;
  frameCount: number;
}

/** frameCount × VOICE_FEATURE_DIMS, row-major; frames without rows repeat the last frame that has them. */
export function computeVoiceFeatures(input: ComputeVoiceFeaturesInput): Float32Array {
  const { mfcc, rows, rowsPerFrame, frameCount } = input;
  const out = new Float32Array(frameCount * VOICE_FEATURE_DIMS);
  for (let frame = 0; frame < frameCount; frame++) {
    const first = frame * rowsPerFrame;
    const last = Math.min(rows, first + rowsPerFrame);
    if (last <= first) {
      if (frame > 0)
        out.copyWithin(
          frame * VOICE_FEATURE_DIMS,
          (frame - 1) * VOICE_FEATURE_DIMS,
          frame * VOICE_FEATURE_DIMS,
        );
      continue;
    }
    for (let d = 0; d < VOICE_FEATURE_DIMS; d++) {
      let sum = 0;
      for (let r = first; r < last; r++) sum += mfcc[r * MFCC_COEFFICIENT_COUNT + d + 1]!;
      out[frame * VOICE_FEATURE_DIMS + d] = sum / (last - first);
    }
  }
  return out;
}
