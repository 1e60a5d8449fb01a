import type { FrameRange } from "./compute-chunk-visual-embeddings";

/** The reference scores every track at these chunk durations (a Python set literal, iterated in this order). */
export const REFERENCE_DURATIONS_S: readonly number[] = [1, 2, 3, 4, 5, 6];
export const ASD_VIDEO_FPS = 25;

export interface ScoreChunkPlan {
  durationSeconds: number;
  /** Consecutive video-frame chunks covering [0, frameCount); the last may be shorter. */
  chunks: FrameRange[];
}

export interface PlanScoreChunksOptions {
  frameCount: number;
  durationsSeconds?: readonly number[];
}

/** Chunk i of duration d covers video frames [i·25d, (i+1)·25d) (MFCC rows ×4), like evaluate_network. */
export function planScoreChunks(options: PlanScoreChunksOptions): ScoreChunkPlan[] {
  const { frameCount } = options;
  return (options.durationsSeconds ?? REFERENCE_DURATIONS_S).map((durationSeconds) => {
    const step = Math.round(durationSeconds * ASD_VIDEO_FPS);
    if (step <= 0) throw new Error(`invalid scoring duration ${durationSeconds} s`);
    const chunks: FrameRange[] = [];
    for (let start = 0; start < frameCount; start += step)
      chunks.push({ start, end: Math.min(frameCount, start + step) });
    return { durationSeconds, chunks };
  });
}
