// The audio-visual sync head: correlation scoring, the CCA fit and its held-out validation, the shipped heads.
import { describe, expect, it } from "vitest";
import { computeSyncScores } from "../src/analysis/sync/compute-sync-scores";
import {
  correlationSum,
  fitSyncHead,
  truncateHead,
  validateSyncHead,
  type SyncedClip,
} from "../src/analysis/sync/fit-sync-head";
import { projectSyncFeatures } from "../src/analysis/sync/project-sync-features";
import { MIN_HELD_OUT_ACCURACY, syncHeadFor } from "../src/analysis/sync/sync-head";
import type { SyncHead } from "../src/analysis/sync/sync-head";

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/**
 * A clip whose visual and audio "embeddings" (16-d) share one latent signal in different dimensions, plus noise:
 * the situation of lips and speech in sync.
 */
function syncedClip(name: string, frames: number, seed: number): SyncedClip {
  const rnd = random(seed);
  const visual = new Float32Array(frames * 16);
  const audio = new Float32Array(frames * 16);
  let latent = 0;
  for (let t = 0; t < frames; t++) {
    latent = 0.6 * latent + rnd();
    for (let i = 0; i < 16; i++) {
      visual[t * 16 + i] = rnd() + (i === 3 ? 2 * latent : 0);
      audio[t * 16 + i] = rnd() + (i === 11 ? -2 * latent : 0);
    }
  }
  return { name, visual, audio };
}

describe("computeSyncScores", () => {
  it("is high where the components move together, near 0 where independent, null on short windows", () => {
    const rnd = random(1);
    const frames = 200;
    const audio = new Float32Array(frames);
    const synced = new Float32Array(frames);
    const unrelated = new Float32Array(frames);
    for (let t = 0; t < frames; t++) {
      audio[t] = rnd();
      synced[t] = audio[t]! + 0.3 * rnd();
      unrelated[t] = rnd();
    }
    const high = computeSyncScores({ visual: synced, audio, components: 1, windowFrames: 75 });
    const low = computeSyncScores({ visual: unrelated, audio, components: 1, windowFrames: 75 });
    expect(high[100]).toBeGreaterThan(0.9);
    expect(Math.abs(low[100]!)).toBeLessThan(0.3);
    // Windows are truncated at the ends; under half a window is null.
    const short = computeSyncScores({
      visual: synced.subarray(0, 30),
      audio,
      components: 1,
      windowFrames: 75,
    });
    expect(short.every((v) => v === null)).toBe(true);
    // The windowed value equals the direct correlation over the same frames.
    expect(high[100]).toBeCloseTo(correlationSum(synced.subarray(63, 138), audio.subarray(63, 138), 1), 9);
  });
});

describe("fitSyncHead", () => {
  const clips = [0, 1, 2, 3].map((i) => syncedClip(`clip${i}`, 300, 10 + i));
  const settings = { model: "test", embedSize: 16, components: 2, whitenedDimensions: 8, windowFrames: 75 };

  it("keeps the strongest components when truncated", () => {
    const head = fitSyncHead({ ...settings, clips });
    const one = truncateHead(head, 1);
    expect(one.visualProjection).toEqual(head.visualProjection.filter((_, i) => i % 2 === 0));
  });

  it("finds the shared direction, so in-sync pairs correlate and mismatched pairs do not", () => {
    const head = { ...fitSyncHead({ ...settings, clips: clips.slice(0, 3) }) } as SyncHead;
    expect(head.visualProjection).toHaveLength(16 * 2);
    const held = clips[3]!;
    const other = clips[0]!;
    const v = projectSyncFeatures({ head, embeddings: held.visual, side: "visual" });
    const a = projectSyncFeatures({ head, embeddings: held.audio, side: "audio" });
    const wrong = projectSyncFeatures({ head, embeddings: other.visual, side: "visual" });
    // The first component carries the planted signal (|r| ≈ 0.7 by construction).
    expect(correlationSum(v, a, 2)).toBeGreaterThan(0.6);
    expect(Math.abs(correlationSum(wrong, a, 2))).toBeLessThan(0.3);
  });

  it("validates leave-two-out: the clip's own face wins in nearly every window", () => {
    const results = validateSyncHead({
      ...settings,
      clips,
      componentChoices: [1, 2],
      windows: [75, 150],
      hopFrames: 25,
    });
    expect(results.map((r) => [r.components, r.windowFrames, r.windows])).toEqual([
      [1, 75, 4 * 3 * 10],
      [1, 150, 4 * 3 * 7],
      [2, 75, 4 * 3 * 10],
      [2, 150, 4 * 3 * 7],
    ]);
    for (const r of results) expect(r.accuracy).toBeGreaterThan(0.95);
  });
});

describe("shipped sync heads", () => {
  it("has a validated head for the default model, fitted without the labelled clip's faces", () => {
    const head = syncHeadFor("lrasd-talkset");
    expect(head).not.toBeNull();
    expect(head!.provenance.heldOutPairwiseAccuracy).toBeGreaterThanOrEqual(MIN_HELD_OUT_ACCURACY);
    const files = head!.provenance.fittedOn.map((f) => f.file);
    expect(files).not.toContain("videoretalking_face_2.mp4");
    expect(files).not.toContain("videoretalking_face_3.mp4");
    expect(head!.visualProjection).toHaveLength(head!.embedSize * head!.components);
    expect(syncHeadFor("talknet-0123abcd")).toBeNull();
  });
});
