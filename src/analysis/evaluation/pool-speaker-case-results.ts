// Pools speaker-benchmark case results: counts are summed (frames, turns, changes and score pairs from every
// case together), so a long case weighs by its frames, as a user's hour of footage would. Pure.
import {
  metricsFromCounts,
  type SpeakerCaseCounts,
  type SpeakerCaseResult,
  type SpeakerMetrics,
} from "./evaluate-speaker-case";

export interface PooledSpeakerResult {
  cases: number;
  /** Lowest per-case speech-frame accuracy, and its case. */
  worstCase: { caseId: string; speechFrameAccuracy: number } | null;
  metrics: SpeakerMetrics;
}

export function poolSpeakerCaseResults(results: readonly SpeakerCaseResult[]): PooledSpeakerResult {
  const counts: SpeakerCaseCounts = {
    frames: 0,
    speechFrames: 0,
    speechCorrect: 0,
    vad: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
    floorTurns: [],
    changes: [],
    scorePairs: [],
  };
  let worstCase: PooledSpeakerResult["worstCase"] = null;
  for (const { caseId, counts: c, metrics } of results) {
    counts.frames += c.frames;
    counts.speechFrames += c.speechFrames;
    counts.speechCorrect += c.speechCorrect;
    counts.vad.truePositive += c.vad.truePositive;
    counts.vad.falsePositive += c.vad.falsePositive;
    counts.vad.falseNegative += c.vad.falseNegative;
    counts.floorTurns.push(...c.floorTurns);
    counts.changes.push(...c.changes);
    for (const pair of c.scorePairs) counts.scorePairs.push(pair);
    const accuracy = metrics.speechFrameAccuracy;
    if (accuracy !== null && (worstCase === null || accuracy < worstCase.speechFrameAccuracy))
      worstCase = { caseId, speechFrameAccuracy: accuracy };
  }
  return { cases: results.length, worstCase, metrics: metricsFromCounts(counts) };
}
