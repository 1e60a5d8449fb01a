// The speaker-benchmark metrics on small synthetic cases whose answers are known by hand.
import { describe, expect, it } from "vitest";
import {
  evaluateSpeakerCase,
  labelledTurns,
  median,
  percentile,
  type EvaluatedTrack,
} from "../src/analysis/evaluation/evaluate-speaker-case";
import { poolSpeakerCaseResults } from "../src/analysis/evaluation/pool-speaker-case-results";
import type { SpeakerCaseLabels } from "../src/analysis/evaluation/speaker-case-labels";

const FRAMES = 200;
/** Left face speaks [0, 80), pause [80, 100), right face speaks [100, 200). */
function twoFaceLabels(overrides: Partial<SpeakerCaseLabels> = {}): SpeakerCaseLabels {
  return {
    caseId: "synthetic",
    split: "fit",
    kinds: ["two-faces"],
    sourceClips: ["a.mp4", "b.mp4"],
    width: 1280,
    height: 720,
    fps: 25,
    analysisFps: 25,
    frameCount: FRAMES,
    voicingRule: "by hand",
    faces: [
      { name: "left", sourceClip: "a.mp4", speakingIntervals: [[0, 80]] },
      { name: "right", sourceClip: "b.mp4", speakingIntervals: [[100, 200]] },
    ],
    layouts: [
      {
        startFrame: 0,
        endFrame: FRAMES,
        visible: [
          { face: "left", box: [0, 0, 640, 720] },
          { face: "right", box: [640, 0, 1280, 720] },
        ],
      },
    ],
    ...overrides,
  };
}

/** A track over the whole case with its box centred at (cx, 360), scored by `score(frame)`. */
function track(id: number, cx: number, score: (frame: number) => number | null): EvaluatedTrack {
  return {
    id,
    startFrame: 0,
    frameCount: FRAMES,
    boxes: Array.from({ length: FRAMES }, () => [cx - 50, 310, 100, 100]).flat(),
    scores: Array.from({ length: FRAMES }, (_, f) => score(f)),
  };
}

const leftSpeaks = (f: number) => f < 80;
const rightSpeaks = (f: number) => f >= 100;
const tracks = [
  track(7, 300, (f) => (leftSpeaks(f) ? 2 : -2)),
  track(9, 900, (f) => (rightSpeaks(f) ? 1 : -1)),
];
const truth = Array.from({ length: FRAMES }, (_, f) => (leftSpeaks(f) ? 7 : rightSpeaks(f) ? 9 : -1));

describe("evaluateSpeakerCase", () => {
  it("scores the true decision perfectly", () => {
    const { metrics, counts } = evaluateSpeakerCase({
      activeSpeaker: truth,
      tracks,
      labels: twoFaceLabels(),
    });
    expect(counts.speechFrames).toBe(180);
    expect(metrics.speechFrameAccuracy).toBe(1);
    expect(metrics.voiceActivityF1).toBe(1);
    expect(metrics.turnFloor).toBe(1);
    expect(metrics.worstTurnFloor).toBe(1);
    expect(metrics.turnChanges).toBe(1);
    expect(metrics.turnChangeMedianFrames).toBe(0);
    expect(metrics.averagePrecision).toBeCloseTo(1, 9);
  });

  it("measures a change that lands 10 frames late, and the frames it costs", () => {
    const late = truth.map((id, f) => (f >= 100 && f < 110 ? -1 : id));
    const { metrics } = evaluateSpeakerCase({ activeSpeaker: late, tracks, labels: twoFaceLabels() });
    expect(metrics.turnChangeMedianFrames).toBe(10);
    expect(metrics.speechFrameAccuracy).toBeCloseTo(170 / 180, 9);
    expect(metrics.turnFloor).toBeCloseTo(170 / 180, 9);
    expect(metrics.worstTurnFloor).toBeCloseTo(90 / 100, 9);
    // 10 false negatives, no false positives: F1 = 2·170 / (2·170 + 10).
    expect(metrics.voiceActivityF1).toBeCloseTo(340 / 350, 9);
  });

  it("counts a missing change as 2 s and a face that never gets the floor as 0", () => {
    const alwaysLeft = new Array<number>(FRAMES).fill(7);
    const { metrics } = evaluateSpeakerCase({ activeSpeaker: alwaysLeft, tracks, labels: twoFaceLabels() });
    expect(metrics.speechFrameAccuracy).toBeCloseTo(80 / 180, 9);
    expect(metrics.turnChangeMedianFrames).toBe(50);
    expect(metrics.worstTurnFloor).toBe(0);
    // 20 pause frames decided as someone speaking.
    expect(metrics.voiceActivityF1).toBeCloseTo(360 / 380, 9);
  });

  it("matches a track to a face only when its box centre is inside the face's box", () => {
    const stray = [track(7, 300, () => 0), track(9, 1300, () => 0)]; // right track centred off the face
    const { metrics } = evaluateSpeakerCase({ activeSpeaker: truth, tracks: stray, labels: twoFaceLabels() });
    expect(metrics.speechFrameAccuracy).toBeCloseTo(80 / 180, 9);
    expect(metrics.turnChangeMedianFrames).toBe(50);
  });

  it("expects nobody while the voice is off screen", () => {
    const labels = twoFaceLabels({
      faces: [
        { name: "left", sourceClip: "a.mp4", speakingIntervals: [[0, 80]] },
        { name: "right", sourceClip: "b.mp4", speakingIntervals: [] },
        { name: "narrator", sourceClip: "c.mp4", speakingIntervals: [[100, 200]] },
      ],
    });
    const holdsLeft = truth.map((id, f) => (f >= 100 ? 7 : id));
    const { metrics, counts } = evaluateSpeakerCase({ activeSpeaker: holdsLeft, tracks, labels });
    expect(counts.speechFrames).toBe(80);
    expect(metrics.speechFrameAccuracy).toBe(1);
    expect(counts.vad.falsePositive).toBe(100);
    expect(metrics.turnChanges).toBe(0);
  });

  it("ranks scores for average precision, an undetected face lowest", () => {
    const inverted = [
      track(7, 300, (f) => (leftSpeaks(f) ? -2 : 2)),
      track(9, 900, (f) => (rightSpeaks(f) ? 1 : -1)),
    ];
    const good = evaluateSpeakerCase({ activeSpeaker: truth, tracks, labels: twoFaceLabels() });
    const bad = evaluateSpeakerCase({ activeSpeaker: truth, tracks: inverted, labels: twoFaceLabels() });
    expect(bad.metrics.averagePrecision!).toBeLessThan(good.metrics.averagePrecision! - 0.2);
    const unscored = evaluateSpeakerCase({
      activeSpeaker: truth,
      tracks: [tracks[0]!],
      labels: twoFaceLabels(),
    });
    expect(unscored.counts.scorePairs.filter((p) => p.score === -Infinity)).toHaveLength(FRAMES);
  });
});

describe("labelled turns", () => {
  it("bridge pauses shorter than 0.3 s (8 frames) and split at longer ones", () => {
    const sole = [
      ...Array(20).fill("a"),
      ...Array(7).fill(""),
      ...Array(20).fill("a"),
      ...Array(8).fill(""),
      "a",
    ];
    expect(labelledTurns(sole)).toEqual([
      { face: "a", startFrame: 0, endFrame: 47 },
      { face: "a", startFrame: 55, endFrame: 56 },
    ]);
  });

  it("never bridge across another speaker", () => {
    const sole = [...Array(10).fill("a"), "b", ...Array(10).fill("a")];
    expect(labelledTurns(sole).map((t) => t.face)).toEqual(["a", "b", "a"]);
  });
});

describe("summaries", () => {
  it("median and nearest-rank p95", () => {
    expect(median([3, 1, 2, 10])).toBe(2.5);
    expect(percentile([...Array(19).fill(1), 50], 0.95)).toBe(1);
    expect(percentile([...Array(18).fill(1), 50, 50], 0.95)).toBe(50);
    expect(median([])).toBeNull();
  });

  it("pools cases by frames, not by case", () => {
    const perfect = evaluateSpeakerCase({ activeSpeaker: truth, tracks, labels: twoFaceLabels() });
    const wrong = evaluateSpeakerCase({
      activeSpeaker: new Array<number>(FRAMES).fill(-1),
      tracks,
      labels: twoFaceLabels({ caseId: "silent", frameCount: 100 }),
    });
    const pooled = poolSpeakerCaseResults([perfect, wrong]);
    expect(wrong.counts.speechFrames).toBe(80);
    expect(pooled.metrics.speechFrameAccuracy).toBeCloseTo(180 / 260, 9);
    expect(pooled.worstCase).toEqual({ caseId: "silent", speechFrameAccuracy: 0 });
    expect(pooled.metrics.turnChanges).toBe(1);
  });
});
