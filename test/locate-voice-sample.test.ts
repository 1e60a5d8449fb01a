// Placing a voice sample in a soundtrack's stored voice features (pure): an excerpt is found at its frame, a
// repeated passage is not unique, a short sample is not placed.
import { describe, expect, it } from "vitest";
import { locateVoiceSample } from "../src/decision/locate-voice-sample";

const DIMS = 12;

function randomFeatures(frames: number, seed: number): Float32Array {
  let state = seed;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  const out = new Float32Array(frames * DIMS);
  for (let i = 0; i < out.length; i++) out[i] = 10 * next() + (i % DIMS);
  return out;
}

describe("locateVoiceSample", () => {
  const soundtrack = randomFeatures(2000, 7);
  const excerpt = (start: number, frames: number) => soundtrack.slice(start * DIMS, (start + frames) * DIMS);

  it("finds an excerpt at its frame, clearly above anywhere else", () => {
    const match = locateVoiceSample({
      features: soundtrack,
      dims: DIMS,
      sample: [excerpt(1234, 60)],
      minCorrelation: 0.5,
    })!;
    expect(match.best.startFrame).toBe(1234);
    expect(match.frames).toBe(60);
    expect(match.best.correlation).toBeCloseTo(1, 5);
    expect(match.places.map((p) => p.startFrame)).toEqual([1234]);
  });

  it("takes the best of several start shifts, and lists each place a passage occurs", () => {
    const noisy = excerpt(500, 50).map((v, i) => v + (i % 3) - 1);
    const twice = soundtrack.slice();
    twice.set(excerpt(500, 50), 1500 * DIMS);
    const match = locateVoiceSample({
      features: twice,
      dims: DIMS,
      sample: [randomFeatures(50, 3), noisy],
      minCorrelation: 0.9,
    })!;
    expect(match.best.correlation).toBeGreaterThan(0.95);
    expect(match.places.map((p) => p.startFrame).sort((a, b) => a - b)).toEqual([500, 1500]);
  });

  it("does not place a sample under 1 s", () => {
    expect(
      locateVoiceSample({ features: soundtrack, dims: DIMS, sample: [excerpt(10, 20)], minCorrelation: 0.9 }),
    ).toBeNull();
  });
});
