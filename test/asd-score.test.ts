// The reference multi-duration scoring (evaluate_network) of the 10 s fixture track, for both models, through the
// shared-work scorer; plus shared vs naive on a track whose length exercises short chunks and odd edges.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAsdGraphs } from "../src/analysis/asd/build-asd-graphs";
import type { AsdModelKind } from "../src/analysis/asd/asd-model-kind";
import { createAsdSessions, type AsdSessionSet } from "../src/analysis/asd/create-asd-sessions";
import { roundAsdScores } from "../src/analysis/asd/round-asd-scores";
import { scoreTrack } from "../src/analysis/asd/score-track";
import { smoothAsdScores } from "../src/analysis/asd/smooth-asd-scores";
import { readCheckpoint } from "../src/analysis/checkpoint";
import { maxAbsDiff, readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const ASD = join(FIXTURES, "asd");
const crops = readNpy(join(ASD, "pycrop_visual_250x112x112.npy")).data as Uint8Array;
const mfcc = readNpy(join(ASD, "pycrop_mfcc_1000x13.npy")).data as Float32Array;
const fixture = (name: string) => readNpy(join(ASD, name)).data as Float32Array;

/** Frames whose unrounded mean lies within 1e-3 of a rounding boundary (fixtures README, section 2b). */
const NEAR_BOUNDARY: Record<AsdModelKind, number[]> = {
  lrasd: [116, 124, 172, 246],
  lightasd: [27, 84, 88, 145, 171, 199],
};

describe.each<[AsdModelKind, string]>([
  ["lrasd", "lrasd_finetuning_TalkSet.model"],
  ["lightasd", "lightasd_finetuning_TalkSet.model"],
])("%s six-duration scoring (%s)", (kind, file) => {
  let sessions: AsdSessionSet;
  beforeAll(async () => {
    const checkpoint = await readCheckpoint({ path: join(SHARED_MODELS, file) });
    sessions = await createAsdSessions({
      kind,
      parts: buildAsdGraphs({ checkpoint, kind }),
      includeFull: true,
    });
  });
  afterAll(() => sessions?.release());

  it("matches full10s_scores, unrounded and per duration", async () => {
    const result = await scoreTrack({ sessions, mfcc, crops });
    expect(result.frameCount).toBe(250);
    expect(result.durationsSeconds).toEqual([1, 2, 3, 4, 5, 6]);

    const unroundedError = maxAbsDiff(result.scores, fixture(`${kind}_full10s_scores_unrounded.npy`));
    const rows = fixture(`${kind}_full10s_scores_per_duration.npy`);
    const rowErrors = result.perDuration.map((row, k) =>
      maxAbsDiff(row, rows.subarray(k * 250, (k + 1) * 250)),
    );
    const rounded = roundAsdScores(result.scores);
    const reference = fixture(`${kind}_full10s_scores.npy`);
    const mismatched = [...rounded.keys()].filter((i) => rounded[i] !== reference[i]);
    console.log(
      `${kind} full10s: unrounded max abs error ${unroundedError.toExponential(2)}; per-duration ` +
        `${rowErrors.map((e) => e.toExponential(1)).join(" ")}; rounded mismatches [${mismatched.join(", ")}]`,
    );
    expect(unroundedError).toBeLessThanOrEqual(1e-4);
    for (const error of rowErrors) expect(error).toBeLessThanOrEqual(1e-4);
    for (const frame of mismatched) {
      expect(NEAR_BOUNDARY[kind]).toContain(frame);
      expect(Math.abs(rounded[frame]! - reference[frame]!)).toBeLessThanOrEqual(0.1 + 1e-6);
    }
  });

  it("reproduces the display smoothing from the rounded scores", async () => {
    const smoothed = smoothAsdScores(Array.from(fixture(`${kind}_full10s_scores.npy`)));
    expect(maxAbsDiff(smoothed, fixture(`${kind}_full10s_scores_smoothed.npy`))).toBeLessThan(1e-6);
  });

  it("gives the naive one-pass-per-chunk numbers on a track with short last chunks", async () => {
    // 132 frames with 4·132 − 1 MFCC rows: the reference length rule scores 131 frames, so durations end in
    // short chunks (6 frames for d = 1 and 5, shorter than twice any edge radius).
    const frames = 132;
    const input = {
      sessions,
      mfcc: mfcc.subarray(0, (4 * frames - 1) * 13),
      crops: crops.subarray(0, frames * 112 * 112),
    };
    const shared = await scoreTrack({ ...input, windowFrames: 50, runFrames: 20 });
    const naive = await scoreTrack({ ...input, strategy: "naive" });
    expect(shared.frameCount).toBe(frames - 1);
    const rowErrors = shared.perDuration.map((row, k) => maxAbsDiff(row, naive.perDuration[k]!));
    console.log(
      `${kind} shared vs naive (131 frames): per-duration ${rowErrors.map((e) => e.toExponential(1)).join(" ")}`,
    );
    for (const error of rowErrors) expect(error).toBeLessThan(1e-5);
  });
});

describe("score helpers", () => {
  it("rounds half to even in float32, keeping -0", () => {
    // Expected values from numpy.round(np.float32([...]), 1). 2.5499999 becomes 25.5 in float32 before rint.
    const rounded = roundAsdScores(
      Float32Array.of(0.25, 0.35, -0.25, -0.04, 1.05, 2.5499999, -0.05, 0.45, 0.15),
    );
    expect(Array.from(rounded)).toEqual(
      Array.from(Float32Array.of(0.2, 0.4, -0.2, -0, 1.0, 2.6, -0, 0.4, 0.2)),
    );
    expect(Object.is(rounded[3], -0)).toBe(true);
  });

  it("smooths with the reference's n-1 window quirk", () => {
    const smoothed = smoothAsdScores([1, 2, 3, 4, 100]);
    // t = 4 averages [2, 4) = 3 and 4; the last score (100) is in no window.
    expect(Array.from(smoothed)).toEqual([2, 2.5, 2.5, 3, 3.5]);
    expect(Number.isNaN(smoothAsdScores([5])[0])).toBe(true);
  });

  it("scores nothing when there is less than one frame of audio", async () => {
    const kind: AsdModelKind = "lrasd";
    const checkpoint = await readCheckpoint({ path: join(SHARED_MODELS, "lrasd_finetuning_TalkSet.model") });
    const sessions = await createAsdSessions({ kind, parts: buildAsdGraphs({ checkpoint, kind }) });
    const result = await scoreTrack({
      sessions,
      mfcc: mfcc.subarray(0, 3 * 13),
      crops: crops.subarray(0, 10 * 112 * 112),
    });
    expect(result.frameCount).toBe(0);
    expect(result.scores).toHaveLength(0);
    await sessions.release();
  });
});
