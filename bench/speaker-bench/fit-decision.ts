// `npx vite-node bench/speaker-bench/fit-decision.ts [-- --tag NAME]`: fits the decision's settings on the benchmark's
// FIT cases only (a coarse grid, one setting at a time from the defaults), then reports fit and held-out with the
// settings chosen. Reads the timelines that eval:bench cached (never analyses).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  evaluateSpeakerCase,
  type SpeakerCaseResult,
} from "../../src/analysis/evaluation/evaluate-speaker-case";
import { poolSpeakerCaseResults } from "../../src/analysis/evaluation/pool-speaker-case-results";
import { decideTimeline } from "../../src/decision/decide-timeline";
import { DEFAULT_DECISION_PARAMS, type DecisionParams } from "../../src/decision/decision-params";
import { parseTimeline } from "../../src/timeline/parse-timeline";
import type { Timeline } from "../../src/timeline/timeline-schema";
import { buildSpeakerCase } from "./build-speaker-case";
import { SPEAKER_CASES } from "./speaker-cases";

const GRID: Partial<Record<keyof DecisionParams, number[]>> = {
  asdClamp: [0.5, 1, 1.5, 2, 3, 4],
  silenceBaseline: [0, 0.25, 0.5, 0.75, 1],
  silenceGuardSeconds: [0, 0.2, 0.4],
  listeningBaseline: [0, 0.25, 0.5, 0.75, 1],
  stillMotion: [0, 0.005, 0.01, 0.02, 0.04],
  voiceEdgeDropDb: [0, 10, 15, 20, 25, 30],
  syncWeight: [0, 0.25, 0.5, 0.75, 1, 1.5, 2],
  windowSyncWeight: [0, 0.5, 1, 2, 3, 5],
  motionFloor: [0, 0.02, 0.05, 0.1, 0.2],
  syncCorrelationFrames: [4, 8, 16],
  offscreenEvidence: [-1, -0.5, 0, 0.5, 1],
  switchCost: [0, 2, 4, 6, 10, 15, 25],
  voiceSplitPauseSeconds: [0.04, 0.08, 0.12, 0.2],
  voiceOnset: [0.3, 0.4, 0.5, 0.6],
  voiceOffset: [0.2, 0.25, 0.35, 0.45],
  voiceOnsetLeadSeconds: [0, 0.04, 0.08, 0.12],
  voiceLinkDistance: [0, 0.6, 0.8, 1, 1.2, 1.5],
  voiceChangeDistance: [0, 0.6, 0.75, 0.9, 1.05, 1.2],
};

const tag = process.argv.includes("--tag") ? process.argv[process.argv.indexOf("--tag") + 1]! : "default";
const cases = SPEAKER_CASES.flatMap((spec) => {
  const built = buildSpeakerCase(spec);
  const path = join(built.dir, `timeline-${tag}.json`);
  if (!existsSync(path)) return [];
  const timeline: Timeline = parseTimeline(JSON.parse(readFileSync(path, "utf8")), path);
  return [{ spec, labels: built.labels, timeline }];
});

function evaluate(params: DecisionParams, split: "fit" | "heldout") {
  const results: SpeakerCaseResult[] = [];
  for (const c of cases.filter((c) => c.spec.split === split)) {
    const decided = decideTimeline({ timeline: c.timeline, decision: params });
    results.push(
      evaluateSpeakerCase({
        activeSpeaker: decided.activeSpeaker,
        tracks: c.timeline.tracks,
        labels: c.labels,
      }),
    );
  }
  return { pooled: poolSpeakerCaseResults(results), results };
}

/** Objective: pooled speech-frame accuracy, the worst case, and voice-activity F1. */
function objective(params: DecisionParams): number {
  const { pooled } = evaluate(params, "fit");
  const m = pooled.metrics;
  return (
    (m.speechFrameAccuracy ?? 0) +
    0.5 * (pooled.worstCase?.speechFrameAccuracy ?? 0) +
    0.5 * (m.voiceActivityF1 ?? 0)
  );
}

let best: DecisionParams = { ...DEFAULT_DECISION_PARAMS };
let bestScore = objective(best);
for (let round = 0; round < 2; round++) {
  for (const [key, values] of Object.entries(GRID) as [keyof DecisionParams, number[]][]) {
    for (const value of values) {
      const candidate = { ...best, [key]: value };
      if (candidate.voiceOffset > candidate.voiceOnset) continue;
      const score = objective(candidate);
      if (score > bestScore + 1e-6) {
        best = candidate;
        bestScore = score;
      }
    }
  }
}
const report = (params: DecisionParams, name: string) => {
  for (const split of ["fit", "heldout"] as const) {
    const { pooled, results } = evaluate(params, split);
    const m = pooled.metrics;
    const pct = (v: number | null) => (v === null ? "–" : (100 * v).toFixed(1));
    console.log(
      `${name} ${split}: acc ${pct(m.speechFrameAccuracy)} worst ${pooled.worstCase?.caseId} ${pct(pooled.worstCase?.speechFrameAccuracy ?? null)} F1 ${m.voiceActivityF1?.toFixed(3)} floor ${pct(m.turnFloor)} change ${m.turnChangeMedianFrames}/${m.turnChangeP95Frames}`,
    );
    results.forEach((r, i) =>
      console.log(
        `   ${cases.filter((c) => c.spec.split === split)[i]!.spec.id}: ${pct(r.metrics.speechFrameAccuracy)} F1 ${r.metrics.voiceActivityF1?.toFixed(3)} floor ${pct(r.metrics.turnFloor)}`,
      ),
    );
  }
};
// Decision cost: one decideTimeline per case, against the video's length.
const started = performance.now();
for (const c of cases) decideTimeline({ timeline: c.timeline, decision: DEFAULT_DECISION_PARAMS });
const seconds = cases.reduce((sum, c) => sum + c.timeline.analysis.frameCount / c.timeline.analysis.fps, 0);
console.log(
  `decision: ${(performance.now() - started).toFixed(0)} ms for ${cases.length} cases, ${seconds.toFixed(0)} s of video`,
);
report(DEFAULT_DECISION_PARAMS, "defaults");
report(best, "fitted");
console.log(JSON.stringify(best));
