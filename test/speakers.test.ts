import { describe, expect, it } from "vitest";
import { computeFrameLevels } from "../src/analysis/audio/compute-frame-levels";
import { selectActiveSpeakers, smoothScores } from "../src/analysis/speakers/select-active-speakers";
import { snapTurnsToPauses } from "../src/analysis/speakers/snap-turns-to-pauses";

const constant = (n: number, v: number) => Array.from({ length: n }, () => v);

describe("selectActiveSpeakers", () => {
  it("picks the highest score above threshold and nobody when all are below", () => {
    const active = selectActiveSpeakers({
      frameCount: 30,
      tracks: [
        { id: 0, startFrame: 0, scores: [...constant(10, 1), ...constant(10, -1), ...constant(10, -2)] },
        { id: 1, startFrame: 0, scores: [...constant(10, -1), ...constant(10, 2), ...constant(10, -2)] },
      ],
    });
    expect([...active]).toEqual([...constant(10, 0), ...constant(10, 1), ...constant(10, -1)]);
  });

  it("ignores a short blip and keeps the speaker through a small lead", () => {
    const a = [...constant(40, 1.0)];
    const b = [...constant(15, -1), ...constant(4, 3), ...constant(21, -1)]; // 0.16 s blip
    const c = [...constant(40, 1.3)]; // out-scores a by less than the margin
    const active = selectActiveSpeakers({
      frameCount: 40,
      tracks: [
        { id: 0, startFrame: 0, scores: a },
        { id: 1, startFrame: 0, scores: b },
      ],
    });
    expect(new Set(active)).toEqual(new Set([0]));
    const held = selectActiveSpeakers({
      frameCount: 40,
      tracks: [
        { id: 0, startFrame: 0, scores: [1.5, ...a.slice(1)] },
        { id: 2, startFrame: 0, scores: c },
      ],
    });
    expect(new Set(held)).toEqual(new Set([0]));
  });

  it("lets the sync score decide when two faces both score as speaking, with hysteresis", () => {
    const frames = 120;
    // Both faces look like they speak throughout (lips moving); A's lips match the audio first, then B's.
    const scores = new Array<number>(frames).fill(3);
    const syncA = Array.from({ length: frames }, (_, f) => (f < 60 ? 1 : 0.1));
    const syncB = Array.from({ length: frames }, (_, f) => (f < 60 ? 0.1 : 1));
    const active = selectActiveSpeakers({
      frameCount: frames,
      tracks: [
        { id: 0, startFrame: 0, scores: scores.map((s) => s + 0.5), sync: syncA },
        { id: 1, startFrame: 0, scores: scores.map((s) => s + 1.5), sync: syncB },
      ],
    });
    expect([...active.slice(0, 60)].every((id) => id === 0)).toBe(true);
    expect([...active.slice(60)].every((id) => id === 1)).toBe(true);
    // A lead smaller than the sync margin does not take the floor.
    const close = selectActiveSpeakers({
      frameCount: frames,
      tracks: [
        { id: 0, startFrame: 0, scores, sync: syncA },
        { id: 1, startFrame: 0, scores, sync: syncA.map((v, f) => (f < 60 ? v - 0.5 : v + 0.1)) },
      ],
    });
    expect([...close].every((id) => id === 0)).toBe(true);
  });

  it("never names a track outside its span", () => {
    const active = selectActiveSpeakers({
      frameCount: 20,
      tracks: [{ id: 3, startFrame: 5, scores: constant(10, 1) }],
    });
    expect([...active]).toEqual([...constant(5, -1), ...constant(10, 3), ...constant(5, -1)]);
  });
});

describe("smoothScores", () => {
  it("is a centred mean truncated at the ends", () => {
    expect(smoothScores([0, 5, 10, 5, 0])).toEqual([5, 5, 4, 5, 5]);
    expect(smoothScores([1, null, 3], 3)).toEqual([1, null, 3]);
  });
});

describe("snapTurnsToPauses", () => {
  // 60 frames: speech at 60 dB with a 0.24 s pause (frames 20-25 at 20 dB); speaker 0, then speaker 1 from `change`.
  const levels = Float32Array.from({ length: 60 }, (_, f) => (f >= 20 && f < 26 ? 20 : 60));
  const turn = (change: number) => Int32Array.from({ length: 60 }, (_, f) => (f < change ? 0 : 1));
  const always = () => true;

  it("moves a late change back to where speech resumes after the pause", () => {
    const snapped = snapTurnsToPauses({ active: turn(40), levelsDb: levels, isVisible: always });
    expect(snapped).toEqual(turn(26));
  });

  it("leaves a change alone when no pause is near, or the pause is too short", () => {
    expect(snapTurnsToPauses({ active: turn(55), levelsDb: levels, isVisible: always })).toEqual(turn(55));
    const blip = Float32Array.from({ length: 60 }, (_, f) => (f >= 20 && f < 23 ? 20 : 60));
    expect(snapTurnsToPauses({ active: turn(30), levelsDb: blip, isVisible: always })).toEqual(turn(30));
  });

  it("moves a change only earlier by default, both ways when asked", () => {
    expect(snapTurnsToPauses({ active: turn(15), levelsDb: levels, isVisible: always })).toEqual(turn(15));
    const both = snapTurnsToPauses({
      active: turn(15),
      levelsDb: levels,
      isVisible: always,
      direction: "both",
    });
    expect(both).toEqual(turn(26));
  });

  it("never moves a turn onto frames where its speaker is off screen, nor changes to or from nobody", () => {
    const offScreen = (id: number, frame: number) => id !== 1 || frame >= 30;
    expect(snapTurnsToPauses({ active: turn(40), levelsDb: levels, isVisible: offScreen })).toEqual(turn(40));
    const toNobody = Int32Array.from({ length: 60 }, (_, f) => (f < 40 ? 0 : -1));
    expect(snapTurnsToPauses({ active: toNobody, levelsDb: levels, isVisible: always })).toEqual(toNobody);
  });

  it("keeps every turn: a change never moves past the start of the previous speaker's turn", () => {
    // 2 → 0 at frame 30 moves back to the pause's end (26); 0 → 1 at 40 may not move before 0's turn, so it stays.
    const short = Int32Array.from({ length: 60 }, (_, f) => (f < 30 ? 2 : f < 40 ? 0 : 1));
    const snapped = snapTurnsToPauses({ active: short, levelsDb: levels, isVisible: always });
    expect(snapped).toEqual(Int32Array.from({ length: 60 }, (_, f) => (f < 26 ? 2 : f < 40 ? 0 : 1)));
  });

  it("moves nothing without a usable soundtrack level", () => {
    const unknown = levels.map(() => Number.NaN);
    expect(snapTurnsToPauses({ active: turn(40), levelsDb: unknown, isVisible: always })).toEqual(turn(40));
  });
});

describe("computeFrameLevels", () => {
  it("gives each frame's mean power in dB, NaN past the samples", () => {
    const samples = Int16Array.from({ length: 1500 }, (_, i) => (i < 640 ? 0 : i % 2 ? 1000 : -1000));
    const levels = computeFrameLevels({ samples, samplesPerFrame: 640, frameCount: 4 });
    expect(levels[0]).toBe(0);
    expect(levels[1]).toBeCloseTo(10 * Math.log10(1e6 + 1), 5);
    expect(levels[2]).toBeCloseTo(10 * Math.log10(1e6 + 1), 5); // a partial frame (220 samples)
    expect(levels[3]).toBeNaN();
  });
});
