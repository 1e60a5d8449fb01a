// The voice features (computeVoiceFeatures) of a short voice sample, once per 5 ms shift of its start: the sample
// was cut anywhere, the analysis's 40 ms frames start on their own grid, and one of eight shifts lands within
// 2.5 ms of it. Pure.
import { computeMfcc, MFCC_SAMPLE_RATE } from "./compute-mfcc";
import { computeVoiceFeatures } from "./compute-voice-features";

const ANALYSIS_FPS = 25;
const MFCC_ROWS_PER_FRAME = 4;
const SHIFT_SAMPLES = MFCC_SAMPLE_RATE / 200;
const SHIFTS = 8;
/** Longer samples are cut to their first this many seconds (enough to be unique, bounded cost). */
export const VOICE_SAMPLE_MAX_SECONDS = 10;

/** One frames × VOICE_FEATURE_DIMS sequence per shift (16 kHz mono input). */
export function computeVoiceSampleFeatures(samples: Int16Array): Float32Array[] {
  const usable = samples.subarray(0, VOICE_SAMPLE_MAX_SECONDS * MFCC_SAMPLE_RATE + SHIFTS * SHIFT_SAMPLES);
  const out: Float32Array[] = [];
  for (let shift = 0; shift < SHIFTS; shift++) {
    const part = usable.subarray(shift * SHIFT_SAMPLES);
    if (part.length < (MFCC_SAMPLE_RATE / ANALYSIS_FPS) * 2) break;
    const mfcc = computeMfcc({ samples: part, sampleRate: MFCC_SAMPLE_RATE });
    const frameCount = Math.floor(mfcc.frameCount / MFCC_ROWS_PER_FRAME);
    out.push(
      computeVoiceFeatures({
        mfcc: mfcc.coefficients,
        rows: mfcc.frameCount,
        rowsPerFrame: MFCC_ROWS_PER_FRAME,
        frameCount,
      }),
    );
  }
  return out;
}
