// The speaker benchmark's three short CI cases (a muted talker beside the speaker, short turns with the labelled
// clip's seats swapped, a multi-camera edit with cuts), built from ../shared/media with ffmpeg, analysed with the
// default analysis and scored on the pooled aggregate. The full benchmark: `npm run eval:bench` (BENCHMARKS.md).
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeVideo } from "../src/analysis/analyze-video";
import {
  evaluateSpeakerCase,
  type SpeakerCaseResult,
} from "../src/analysis/evaluation/evaluate-speaker-case";
import { poolSpeakerCaseResults } from "../src/analysis/evaluation/pool-speaker-case-results";
import { buildSpeakerCase } from "../bench/speaker-bench/build-speaker-case";
import { SPEAKER_CASES } from "../bench/speaker-bench/speaker-cases";
import { decideTimeline } from "../src/decision/decide-timeline";
import type { DecisionParams } from "../src/decision/decision-params";
import type { SpeakerCaseLabels } from "../src/analysis/evaluation/speaker-case-labels";
import type { Timeline } from "../src/timeline/timeline-schema";

const CI_CASES = SPEAKER_CASES.filter((c) => c.ci);

describe("speaker benchmark CI cases", () => {
  const results: SpeakerCaseResult[] = [];
  const analysed: { timeline: Timeline; labels: SpeakerCaseLabels }[] = [];
  beforeAll(async () => {
    for (const spec of CI_CASES) {
      const built = buildSpeakerCase(spec);
      const timeline = await analyzeVideo({ input: built.video, device: "cpu" });
      analysed.push({ timeline, labels: built.labels });
      results.push(
        evaluateSpeakerCase({
          activeSpeaker: timeline.activeSpeaker,
          tracks: timeline.tracks,
          labels: built.labels,
        }),
      );
    }
  }, 600_000);

  it("builds labelled cases with speech from at least two faces", () => {
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.counts.speechFrames).toBeGreaterThan(100);
      expect(result.counts.changes.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("holds the current analysis's floors on the pooled aggregate", () => {
    const pooled = poolSpeakerCaseResults(results).metrics;
    for (const { caseId, metrics } of results)
      console.log(
        `${caseId}: speech-frame accuracy ${(100 * metrics.speechFrameAccuracy!).toFixed(1)} %, ` +
          `VAD F1 ${metrics.voiceActivityF1!.toFixed(3)}, turn-change median ${metrics.turnChangeMedianFrames}, ` +
          `AP ${metrics.averagePrecision!.toFixed(3)}`,
      );
    // FLOORS: the default analysis and decision of 2026-12-03 (session 14) measured, pooled over these 3 cases:
    // speech-frame accuracy 76.7 % (65.2 / 65.9 / 100.0 %), VAD F1 0.952, AP 0.516, turn-change median 7 frames.
    // The floors are those less a margin for CPU/encoder variation (issue 15 asks ≥ 97 %, F1 ≥ 0.95, median ≤ 3).
    expect(pooled.speechFrameAccuracy!).toBeGreaterThanOrEqual(SPEECH_FRAME_ACCURACY_FLOOR);
    expect(pooled.voiceActivityF1!).toBeGreaterThanOrEqual(VOICE_ACTIVITY_F1_FLOOR);
    expect(pooled.averagePrecision!).toBeGreaterThanOrEqual(AVERAGE_PRECISION_FLOOR);
    expect(pooled.turnChangeMedianFrames!).toBeLessThanOrEqual(TURN_CHANGE_MEDIAN_CEILING);
  });

  it("tells the two voices of the muted-talker cases apart, and that pays", () => {
    // Both faces' lips move all the time and turns change without a pause: the lip-sync evidence only settles a turn
    // once each voice's pieces are cut at the change and pooled. Measured: 65.6 % with, 57.4 % without.
    const mutedPair = analysed.filter(({ labels }) => labels.caseId.includes("short-turns"));
    const accuracy = (decision: Partial<DecisionParams>) =>
      poolSpeakerCaseResults(
        mutedPair.map(({ timeline, labels }) =>
          evaluateSpeakerCase({
            activeSpeaker: decideTimeline({ timeline, decision }).activeSpeaker,
            tracks: timeline.tracks,
            labels,
          }),
        ),
      ).metrics.speechFrameAccuracy!;
    expect(mutedPair).toHaveLength(2);
    expect(accuracy({})).toBeGreaterThanOrEqual(
      accuracy({ voiceChangeDistance: 0, voiceLinkDistance: 0 }) + 0.04,
    );
  });
});

describe("speaker benchmark: a call grid with a muted talker and pauses (fit-four-grid)", () => {
  it("discounts the mouth that moves in silence too", async () => {
    const accuracy = await caseAccuracy("fit-four-grid");
    // Measured 2026-12-03: 81.1 % with the defaults, 38.7 % without the silence and listening baselines (the muted
    // face, whose ASD score is as high in the pauses as in speech, held the floor); 80.2 % with the listening
    // baseline alone.
    expect(accuracy({})).toBeGreaterThanOrEqual(0.72);
    expect(accuracy({ silenceBaseline: 0, listeningBaseline: 0 })).toBeLessThan(0.6);
  }, 600_000);
});

describe("speaker benchmark: a call grid with a muted talker and hardly any pauses (heldout-four-grid)", () => {
  it("discounts the mouth that keeps moving through the other faces' turns", async () => {
    const accuracy = await caseAccuracy("heldout-four-grid");
    // Measured 2026-12-03: 93.3 % with the defaults, 34.2 % without the listening baseline (the muted mirror scores
    // "speaking" throughout, and fewer than 10 frames are far enough from speech for the silence baseline).
    expect(accuracy({})).toBeGreaterThanOrEqual(0.85);
    expect(accuracy({ listeningBaseline: 0 })).toBeLessThan(0.6);
  }, 600_000);
});

/** Analyses one benchmark case once; the result decides it again with any settings (speech-frame accuracy). */
async function caseAccuracy(id: string) {
  const built = buildSpeakerCase(SPEAKER_CASES.find((c) => c.id === id)!);
  const timeline = await analyzeVideo({ input: built.video, device: "cpu" });
  return (decision: Parameters<typeof decideTimeline>[0]["decision"]) =>
    evaluateSpeakerCase({
      activeSpeaker: decideTimeline({ timeline, decision }).activeSpeaker,
      tracks: timeline.tracks,
      labels: built.labels,
    }).metrics.speechFrameAccuracy!;
}

const SPEECH_FRAME_ACCURACY_FLOOR = 0.72;
const VOICE_ACTIVITY_F1_FLOOR = 0.92;
const AVERAGE_PRECISION_FLOOR = 0.45;
const TURN_CHANGE_MEDIAN_CEILING = 15;
