// The reference evaluate_network's outer procedure, shared by every ASD model: the scored length rule, the track
// cut into d-second chunks for each duration d, one logit row per duration, and their float32 mean.
import { ASD_CROP_SIZE_PX, ASD_MFCC_COEFFICIENTS, ASD_MFCC_PER_VIDEO_FRAME } from "./asd-model-kind";
import type { FrameRange } from "./compute-chunk-visual-embeddings";
import { planScoreChunks, REFERENCE_DURATIONS_S } from "./plan-score-chunks";

const FRAME_PX = ASD_CROP_SIZE_PX * ASD_CROP_SIZE_PX;

/**
 * Frames a track can be scored on: min(crop frames, ⌊MFCC frames / 4⌋), the reference `length` rule. With N
 * frames and the usual 4N−1 MFCC frames that is N−1. Throws on inconsistent inputs.
 */
export function scoredFrameCount(input: {
  mfcc: Float32Array;
  crops: Uint8Array;
  frameCount?: number;
}): number {
  const { mfcc, crops } = input;
  if (mfcc.length % ASD_MFCC_COEFFICIENTS !== 0)
    throw new Error(`MFCC length ${mfcc.length} is not a multiple of ${ASD_MFCC_COEFFICIENTS}`);
  const cropFrames = input.frameCount ?? Math.floor(crops.length / FRAME_PX);
  if (crops.length < cropFrames * FRAME_PX) throw new Error(`crops hold fewer than ${cropFrames} frames`);
  return Math.min(cropFrames, Math.floor(mfcc.length / ASD_MFCC_COEFFICIENTS / ASD_MFCC_PER_VIDEO_FRAME));
}

export interface ScoreOverDurationsInput<Extra> {
  frameCount: number;
  /** Default {1,2,3,4,5,6} s, the reference set. */
  durationsSeconds?: readonly number[];
  /** One raw logit row per chunk, in the order given (called only when there are frames to score). */
  chunkLogits(chunks: FrameRange[]): Promise<{ logits: Float32Array[]; extra?: Extra }>;
}

export interface ScoreOverDurationsResult<Extra> {
  /** Float32 mean over the durations of the raw speaking logits, one per scored frame (not rounded). */
  scores: Float32Array;
  /** Raw logits per duration, rows in `durationsSeconds` order. */
  perDuration: Float32Array[];
  durationsSeconds: number[];
  frameCount: number;
  extra?: Extra;
}

export async function scoreOverDurations<Extra>(
  input: ScoreOverDurationsInput<Extra>,
): Promise<ScoreOverDurationsResult<Extra>> {
  const { frameCount } = input;
  const plans = planScoreChunks({
    frameCount,
    durationsSeconds: input.durationsSeconds ?? REFERENCE_DURATIONS_S,
  });
  const computed = frameCount > 0 ? await input.chunkLogits(plans.flatMap((plan) => plan.chunks)) : null;
  let next = 0;
  const perDuration = plans.map((plan) => {
    const row = new Float32Array(frameCount);
    for (const chunk of plan.chunks) row.set(computed!.logits[next++]!, chunk.start);
    return row;
  });
  return {
    scores: meanOverDurations(perDuration, frameCount),
    perDuration,
    durationsSeconds: plans.map((plan) => plan.durationSeconds),
    frameCount,
    ...(computed?.extra !== undefined ? { extra: computed.extra } : {}),
  };
}

/** numpy.mean(axis=0) on float32 rows: sequential float32 sum, then one float32 division. */
function meanOverDurations(rows: Float32Array[], frameCount: number): Float32Array {
  const mean = new Float32Array(frameCount);
  for (let t = 0; t < frameCount; t++) {
    let sum = rows[0]![t]!;
    for (let k = 1; k < rows.length; k++) sum = Math.fround(sum + rows[k]![t]!);
    mean[t] = Math.fround(sum / rows.length);
  }
  return mean;
}
