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
    const match = locateVoiceSample({ features: soundtrack, dims: DIMS, sample: [excerpt(1234, 60)] })!;
    expect(match.startFrame).toBe(1234);
    expect(match.frames).toBe(60);
    expect(match.correlation).toBeCloseTo(1, 5);
    expect(match.runnerUp).toBeLessThan(0.5);
  });

  it("takes the best of several start shifts, and says when the passage occurs twice", () => {
    const noisy = excerpt(500, 50).map((v, i) => v + (i % 3) - 1);
    const twice = soundtrack.slice();
    twice.set(excerpt(500, 50), 1500 * DIMS);
    const match = locateVoiceSample({ features: twice, dims: DIMS, sample: [randomFeatures(50, 3), noisy] })!;
    expect([500, 1500]).toContain(match.startFrame);
    expect(match.correlation).toBeGreaterThan(0.95);
    expect(match.runnerUp).toBeGreaterThan(0.95);
  });

  it("does not place a sample under 1 s", () => {
    expect(locateVoiceSample({ features: soundtrack, dims: DIMS, sample: [excerpt(10, 20)] })).toBeNull();
  });
});
