// The voice features (computeVoiceFeatures) of a short voice sample, once per 5 ms shift of its start: the sample
// was cut anywhere, the analysis's 40 ms frames start on their own grid, and one of eight shifts lands within
// 2.5 ms of it. Pure.
import { ASD_MFCC_PER_VIDEO_FRAME } from "../asd/asd-model-kind";
import { computeMfcc, MFCC_HOP_SAMPLES, MFCC_SAMPLE_RATE } from "./compute-mfcc";
import { computeVoiceFeatures } from "./compute-voice-features";

/** An analysis frame is 4 MFCC rows of 10 ms, as in the analysis's own voice features. */
const MFCC_ROWS_PER_FRAME = ASD_MFCC_PER_VIDEO_FRAME;
const FRAME_SAMPLES = MFCC_ROWS_PER_FRAME * MFCC_HOP_SAMPLES;
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
    if (part.length < 2 * FRAME_SAMPLES) break;
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
