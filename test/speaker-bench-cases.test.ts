// The speaker benchmark's case list and labelling rule, without rendering: the split by source clip holds, the
// kinds the benchmark promises are covered, and the voicing rule does what its comment says.
import { describe, expect, it } from "vitest";
import { SPEAKER_CASES } from "../bench/speaker-bench/speaker-cases";
import { caseSeconds, LISTENER_ONLY_CLIPS, SPLIT_CLIPS } from "../bench/speaker-bench/speaker-case-spec";
import { labelSpeakingFrames, voicingThreshold } from "../bench/speaker-bench/label-speaking-frames";
import { planTurns } from "../bench/speaker-bench/plan-turns";

describe("speaker benchmark cases", () => {
  it("has at least 7 cases per split and 3 short CI cases", () => {
    expect(SPEAKER_CASES.filter((c) => c.split === "fit").length).toBeGreaterThanOrEqual(7);
    expect(SPEAKER_CASES.filter((c) => c.split === "heldout").length).toBeGreaterThanOrEqual(7);
    const ci = SPEAKER_CASES.filter((c) => c.ci);
    expect(ci).toHaveLength(3);
    for (const c of ci) expect(caseSeconds(c)).toBeLessThanOrEqual(12);
    expect(new Set(SPEAKER_CASES.map((c) => c.id)).size).toBe(SPEAKER_CASES.length);
  });

  it("uses clips of one split per case, and never a listener-only clip's audio", () => {
    for (const c of SPEAKER_CASES) {
      for (const face of Object.values(c.faces)) expect(SPLIT_CLIPS[c.split]).toContain(face.clip);
      for (const segment of c.segments) {
        if (segment.audio === null) continue;
        const face = c.faces[segment.audio]!;
        expect(LISTENER_ONLY_CLIPS).not.toContain(face.clip);
        expect(face.flip).toBeFalsy();
      }
    }
  });

  it("keeps cases 11–30 s and the whole benchmark near 6 minutes", () => {
    for (const c of SPEAKER_CASES) {
      expect(caseSeconds(c)).toBeGreaterThanOrEqual(11);
      expect(caseSeconds(c)).toBeLessThanOrEqual(30);
    }
    expect(SPEAKER_CASES.reduce((sum, c) => sum + caseSeconds(c), 0)).toBeLessThanOrEqual(380);
  });

  it("covers every kind issue 15 asks for, on both splits where the clips allow", () => {
    const kinds = (split: string) =>
      new Set(SPEAKER_CASES.filter((c) => c.split === split).flatMap((c) => c.kinds));
    for (const split of ["fit", "heldout"]) {
      for (const kind of [
        "seat-swap",
        "muted-lips",
        "multi-camera",
        "off-screen-speech",
        "small-faces",
        "30fps",
      ])
        expect(kinds(split)).toContain(kind);
      for (const kind of ["two-faces", "three-faces", "four-faces", "frozen-listener", "drifting-listeners"])
        expect([...kinds(split)].some((k) => k.startsWith(kind.replace(/s$/, "")))).toBe(true);
      expect(kinds(split)).toContain("59.94fps");
      expect([...kinds(split)].some((k) => k.includes("boxed"))).toBe(true);
    }
  });

  it("plans the same turns from the same seed, within the asked ranges", () => {
    const options = {
      seed: "x",
      speakers: ["a", "b"],
      totalSeconds: 20,
      turnSeconds: [0.8, 2] as [number, number],
      pause: { probability: 0.5, seconds: [0.32, 1] as [number, number] },
    };
    const turns = planTurns(options);
    expect(planTurns(options)).toEqual(turns);
    expect(planTurns({ ...options, seed: "y" })).not.toEqual(turns);
    for (const t of turns.slice(0, -1)) {
      const [lo, hi] = t.face === null ? [0.32, 1] : [0.8, 2];
      expect(t.seconds).toBeGreaterThanOrEqual(lo - 1e-9);
      expect(t.seconds).toBeLessThanOrEqual(hi + 1e-9);
      expect(Math.abs(t.seconds * 25 - Math.round(t.seconds * 25))).toBeLessThan(1e-6);
    }
  });
});

describe("speaking-frame labels", () => {
  it("take the clip's 95th percentile minus 20 dB, never below the floor", () => {
    const levels = Array.from({ length: 100 }, (_, i) => (i < 50 ? 20 : 70));
    expect(voicingThreshold(levels)).toBe(50);
    expect(voicingThreshold(Array(100).fill(40))).toBe(36);
  });

  it("speak only on the face's own voiced audio, drop clicks, bridge short gaps", () => {
    const audioFace = [...Array(30).fill("a"), ...Array(30).fill("b")];
    const levels = [
      ...[60, 60, 0, 0, 0, 0, 0, 0, 0, 0], // 2-frame click: dropped
      ...[60, 60, 60, 60, 0, 0, 0, 0, 0, 0, 0, 60, 60, 60, 60], // 7-frame gap: bridged
      ...[0, 0, 0, 0, 0],
      ...[60, 60, 60, 0, 0, 0, 0, 0, 0, 0, 0, 60, 60, 60], // 8-frame gap: kept apart
      ...Array(16).fill(0),
    ];
    const speaking = labelSpeakingFrames({ audioFace, levels, thresholds: { a: 50, b: 50, c: 50 } });
    expect(speaking.a).toEqual([[10, 25]]);
    expect(speaking.b).toEqual([
      [30, 33],
      [41, 44],
    ]);
    expect(speaking.c).toEqual([]);
  });

  it("do not bridge a gap where another face's audio plays", () => {
    const audioFace = [...Array(5).fill("a"), null, null, ...Array(5).fill("a")];
    const speaking = labelSpeakingFrames({ audioFace, levels: Array(12).fill(60), thresholds: { a: 50 } });
    expect(speaking.a).toEqual([
      [0, 5],
      [7, 12],
    ]);
  });
});
