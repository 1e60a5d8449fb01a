// Where a voice sample sits in a timeline's soundtrack: the analysis frame whose run of voice features correlates
// best with the sample's (Pearson over the whole window, features standardised by the soundtrack's own mean and
// spread per dimension). A sample cut from the same recording correlates near 1 at its place; anything else,
// including the same person recorded elsewhere, stays far lower, so this finds excerpts, not voices. Pure.

export interface LocateVoiceSampleInput {
  /** The timeline's evidence.voiceFeatures: frameCount × dims, row-major. */
  features: ArrayLike<number>;
  dims: number;
  /** The sample's features, one sequence per start shift (computeVoiceSampleFeatures). */
  sample: readonly Float32Array[];
}

export interface VoiceSamplePlace {
  /** First analysis frame of the window. */
  startFrame: number;
  /** Pearson correlation there (−1..1). */
  correlation: number;
}

export interface VoiceSampleMatch {
  /** Length of the matched windows (analysis frames). */
  frames: number;
  /** The best place. */
  best: VoiceSamplePlace;
  /**
   * Every place that correlates at least `minCorrelation`, best first, none overlapping a better one (a passage
   * that occurs more than once in the soundtrack); empty when even the best does not.
   */
  places: VoiceSamplePlace[];
}

/** Samples shorter than this (analysis frames, 1 s) are too short to place. */
export const MIN_VOICE_SAMPLE_FRAMES = 25;

export function locateVoiceSample(
  input: LocateVoiceSampleInput & { minCorrelation: number },
): VoiceSampleMatch | null {
  const { dims } = input;
  const frameCount = Math.floor(input.features.length / dims);
  const standardise = standardiser(input.features, dims, frameCount);
  const soundtrack = standardise(input.features, frameCount);
  let best: { startFrame: number; frames: number; correlation: number } | null = null;
  const byStart = new Float64Array(frameCount).fill(-Infinity);
  for (const candidate of input.sample) {
    const frames = Math.floor(candidate.length / dims);
    if (frames < MIN_VOICE_SAMPLE_FRAMES || frames > frameCount) continue;
    const sample = standardise(candidate, frames);
    const n = frames * dims;
    let ys = 0;
    let yy = 0;
    for (const y of sample) {
      ys += y;
      yy += y * y;
    }
    const yVar = yy - (ys * ys) / n;
    if (yVar <= 1e-9) continue;
    for (let start = 0; start + frames <= frameCount; start++) {
      const offset = start * dims;
      let xs = 0;
      let xx = 0;
      let xy = 0;
      for (let i = 0; i < n; i++) {
        const x = soundtrack[offset + i]!;
        xs += x;
        xx += x * x;
        xy += x * sample[i]!;
      }
      const xVar = xx - (xs * xs) / n;
      if (xVar <= 1e-9) continue;
      const correlation = (xy - (xs * ys) / n) / Math.sqrt(xVar * yVar);
      if (correlation > byStart[start]!) byStart[start] = correlation;
      if (!best || correlation > best.correlation) best = { startFrame: start, frames, correlation };
    }
  }
  if (!best) return null;
  const { frames } = best;
  const candidates = [...byStart.keys()]
    .filter((start) => byStart[start]! >= input.minCorrelation)
    .sort((a, b) => byStart[b]! - byStart[a]! || a - b);
  const places: VoiceSamplePlace[] = [];
  for (const start of candidates) {
    if (places.every((p) => Math.abs(p.startFrame - start) >= frames))
      places.push({ startFrame: start, correlation: byStart[start]! });
  }
  return { frames, best: { startFrame: best.startFrame, correlation: best.correlation }, places };
}

/** Per-dimension mean and spread of the soundtrack, applied to any sequence of the same dims. */
function standardiser(features: ArrayLike<number>, dims: number, frameCount: number) {
  const mean = new Float64Array(dims);
  const spread = new Float64Array(dims);
  for (let f = 0; f < frameCount; f++) for (let d = 0; d < dims; d++) mean[d]! += features[f * dims + d]!;
  for (let d = 0; d < dims; d++) mean[d]! /= Math.max(1, frameCount);
  for (let f = 0; f < frameCount; f++)
    for (let d = 0; d < dims; d++) spread[d]! += (features[f * dims + d]! - mean[d]!) ** 2;
  for (let d = 0; d < dims; d++) spread[d] = Math.sqrt(spread[d]! / Math.max(1, frameCount)) || 1;
  return (values: ArrayLike<number>, frames: number) => {
    const out = new Float32Array(frames * dims);
    for (let f = 0; f < frames; f++)
      for (let d = 0; d < dims; d++) out[f * dims + d] = (values[f * dims + d]! - mean[d]!) / spread[d]!;
    return out;
  };
}
