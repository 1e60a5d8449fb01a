// Per-frame audio-visual sync score of one face track: for each frame, the Pearson correlation of each pair of
// canonical components (lips vs soundtrack) over a centred window, summed over the K pairs. Pure.

export interface ComputeSyncScoresInput {
  /** frames × K visual and audio components (projectSyncFeatures). */
  visual: Float32Array;
  audio: Float32Array;
  components: number;
  /** Centred window in analysis frames (truncated at the track's ends). */
  windowFrames: number;
  /** Frames with fewer than this many in their truncated window get null (default windowFrames / 2). */
  minFrames?: number;
}

/** Sum of K correlations per frame, in [-K, K]; null where the window is too short. */
export function computeSyncScores(input: ComputeSyncScoresInput): (number | null)[] {
  const { visual, audio, components: k, windowFrames } = input;
  const frames = Math.min(visual.length, audio.length) / k;
  const minFrames = input.minFrames ?? Math.ceil(windowFrames / 2);
  const half = windowFrames >> 1;
  // Prefix sums of x, y, x², y², xy per component make every window O(K).
  const stride = 5 * k;
  const prefix = new Float64Array((frames + 1) * stride);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < k; j++) {
      const x = visual[t * k + j]!;
      const y = audio[t * k + j]!;
      const from = t * stride + 5 * j;
      const to = from + stride;
      prefix[to] = prefix[from]! + x;
      prefix[to + 1] = prefix[from + 1]! + y;
      prefix[to + 2] = prefix[from + 2]! + x * x;
      prefix[to + 3] = prefix[from + 3]! + y * y;
      prefix[to + 4] = prefix[from + 4]! + x * y;
    }
  }
  const out: (number | null)[] = [];
  for (let t = 0; t < frames; t++) {
    const lo = Math.max(0, t - half);
    const hi = Math.min(frames, t + half + 1);
    const n = hi - lo;
    if (n < minFrames) {
      out.push(null);
      continue;
    }
    let total = 0;
    for (let j = 0; j < k; j++) {
      const a = lo * stride + 5 * j;
      const b = hi * stride + 5 * j;
      const sx = prefix[b]! - prefix[a]!;
      const sy = prefix[b + 1]! - prefix[a + 1]!;
      const vx = prefix[b + 2]! - prefix[a + 2]! - (sx * sx) / n;
      const vy = prefix[b + 3]! - prefix[a + 3]! - (sy * sy) / n;
      const cxy = prefix[b + 4]! - prefix[a + 4]! - (sx * sy) / n;
      total += vx > 1e-12 && vy > 1e-12 ? cxy / Math.sqrt(vx * vy) : 0;
    }
    out.push(total);
  }
  return out;
}
