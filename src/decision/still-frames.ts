// Frames where a face is a still picture: its lips (the sync head's visual components) do not change. A frozen
// video-call tile or a freeze frame cannot be speaking, whatever its ASD score still says: that score is a mean
// over windows of up to 6 s and keeps a face that just stopped talking "speaking" for a second or two. Pure.

/**
 * Frames on each side over which the typical change is taken. A median over a quarter of a second each side: an
 * encoder's refresh of a frozen picture moves its crop for a frame or two, which a short mean counted as motion.
 */
const STILL_WINDOW_FRAMES = 6;

export interface StillFramesInput {
  /** frameCount × components, row-major (a track's syncVisual). */
  visual: readonly number[];
  components: number;
  frameCount: number;
  /** Median change per frame (sum of |Δ| over components) below which a frame is still (sync-component units). */
  threshold: number;
}

/** 1 where the median change per frame over ±STILL_WINDOW_FRAMES frames is below the threshold. */
export function stillFrames({ visual, components: k, frameCount, threshold }: StillFramesInput): Uint8Array {
  const still = new Uint8Array(frameCount);
  if (threshold <= 0 || frameCount < 2) return still;
  const change = new Float64Array(frameCount);
  for (let i = 1; i < frameCount; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += Math.abs(visual[i * k + j]! - visual[(i - 1) * k + j]!);
    change[i] = sum;
  }
  const window = new Float64Array(2 * STILL_WINDOW_FRAMES + 1);
  for (let i = 0; i < frameCount; i++) {
    const from = Math.max(1, i - STILL_WINDOW_FRAMES);
    const to = Math.min(frameCount - 1, i + STILL_WINDOW_FRAMES);
    const values = window.subarray(0, to - from + 1);
    values.set(change.subarray(from, to + 1));
    values.sort();
    if (values[values.length >> 1]! < threshold) still[i] = 1;
  }
  return still;
}
