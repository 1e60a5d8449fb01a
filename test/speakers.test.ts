import { describe, expect, it } from "vitest";
import { selectActiveSpeakers, smoothScores } from "../src/analysis/speakers/select-active-speakers";

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
