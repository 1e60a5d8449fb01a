// The speaker benchmark as a function: builds the generated cases, analyses each (timeline cached beside the case,
// keyed by the case hash and a tag), applies a decision (default: decideTimeline with today's settings, so a cached
// analysis measures the current decision), evaluates it against the labels, and pools fit and held-out results with
// a markdown table. The decision is one function, so a new one is measured on stored timelines without
// re-analysing: evaluateSpeakerBench({ decide }).
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeVideo } from "../../src/analysis/analyze-video";
import {
  evaluateSpeakerCase,
  type SpeakerCaseResult,
} from "../../src/analysis/evaluation/evaluate-speaker-case";
import {
  poolSpeakerCaseResults,
  type PooledSpeakerResult,
} from "../../src/analysis/evaluation/pool-speaker-case-results";
import { decideTimeline } from "../../src/decision/decide-timeline";
import type { Timeline } from "../../src/timeline/timeline-schema";
import { buildSpeakerCase } from "./build-speaker-case";
import { DEBATABLE_LABELS, SPEAKER_CASES } from "./speaker-cases";
import { caseSeconds, type SpeakerCaseSpec } from "./speaker-case-spec";

export type SpeakerDecision = (timeline: Timeline) => readonly number[];

export interface EvaluateSpeakerBenchOptions {
  /** Cases to run (default: all of SPEAKER_CASES). */
  cases?: readonly SpeakerCaseSpec[];
  /** Names the cached analysis (e.g. a branch or settings); a new tag analyses again (default "default"). */
  tag?: string;
  /** Who speaks per analysis frame, from a timeline (default: decideTimeline's, the decision shipped now). */
  decide?: SpeakerDecision;
  /** Analyse again even when a cached timeline exists. */
  reanalyse?: boolean;
  log?: (line: string) => void;
}

export interface SpeakerBenchCaseRun {
  spec: SpeakerCaseSpec;
  dir: string;
  seconds: number;
  analysisSeconds: number | null;
  result: SpeakerCaseResult;
}

export interface SpeakerBenchRun {
  tag: string;
  cases: SpeakerBenchCaseRun[];
  pooled: { fit: PooledSpeakerResult; heldout: PooledSpeakerResult; all: PooledSpeakerResult };
  markdown: string;
}

const defaultDecision: SpeakerDecision = (timeline) => decideTimeline({ timeline }).activeSpeaker;

async function cachedTimeline(video: string, dir: string, tag: string, reanalyse: boolean) {
  const path = join(dir, `timeline-${tag.replace(/[^\w.-]/g, "_")}.json`);
  if (!reanalyse && existsSync(path))
    return { timeline: JSON.parse(readFileSync(path, "utf8")) as Timeline, seconds: null };
  const started = performance.now();
  const timeline = await analyzeVideo({ input: video });
  const seconds = (performance.now() - started) / 1000;
  writeFileSync(`${path}.partial`, JSON.stringify(timeline));
  renameSync(`${path}.partial`, path);
  return { timeline, seconds };
}

const pct = (value: number | null) => (value === null ? "–" : `${(100 * value).toFixed(1)} %`);
const num = (value: number | null, digits = 0) => (value === null ? "–" : value.toFixed(digits));

function row(
  name: string,
  split: string,
  kinds: string,
  frames: number,
  m: SpeakerCaseResult["metrics"],
): string {
  return (
    `| ${name} | ${split} | ${kinds} | ${frames} | ${pct(m.speechFrameAccuracy)} | ${num(m.voiceActivityF1, 3)} | ` +
    `${pct(m.turnFloor)} (worst ${pct(m.worstTurnFloor)}) | ${num(m.turnChangeMedianFrames, 1)} / ` +
    `${num(m.turnChangeP95Frames)} (${m.turnChanges}) | ${num(m.averagePrecision, 3)} |`
  );
}

export function speakerBenchMarkdown(run: Omit<SpeakerBenchRun, "markdown">): string {
  const lines = [
    `Speaker benchmark (tag ${run.tag}): speech-frame accuracy, voice-activity F1, turn floor (turns ≥ 0.8 s), ` +
      `turn-change error median / p95 in analysis frames (number of changes), average precision.`,
    "",
    "| case | split | kinds | frames | speech-frame acc | VAD F1 | turn floor | turn change med / p95 | AP |",
    "| --- | --- | --- | --: | --: | --: | --: | --: | --: |",
  ];
  for (const c of run.cases) {
    const name = DEBATABLE_LABELS[c.spec.id] ? `${c.spec.id} †` : c.spec.id;
    lines.push(row(name, c.spec.split, c.spec.kinds.join(", "), c.result.counts.frames, c.result.metrics));
  }
  for (const split of ["fit", "heldout"] as const) {
    const pooled = run.pooled[split];
    if (pooled.cases === 0) continue;
    const frames = run.cases
      .filter((c) => c.spec.split === split)
      .reduce((s, c) => s + c.result.counts.frames, 0);
    const worst = pooled.worstCase
      ? `worst ${pooled.worstCase.caseId} ${pct(pooled.worstCase.speechFrameAccuracy)}`
      : "";
    lines.push(row(`**pooled ${split}** (${pooled.cases} cases)`, split, worst, frames, pooled.metrics));
  }
  const doubts = run.cases.filter((c) => DEBATABLE_LABELS[c.spec.id]);
  if (doubts.length) lines.push("", ...doubts.map((c) => `† ${c.spec.id}: ${DEBATABLE_LABELS[c.spec.id]}.`));
  return lines.join("\n");
}

export async function evaluateSpeakerBench(
  options: EvaluateSpeakerBenchOptions = {},
): Promise<SpeakerBenchRun> {
  const tag = options.tag ?? "default";
  const decide = options.decide ?? defaultDecision;
  const log = options.log ?? ((line: string) => console.error(line));
  const cases: SpeakerBenchCaseRun[] = [];
  for (const spec of options.cases ?? SPEAKER_CASES) {
    const started = performance.now();
    const built = buildSpeakerCase(spec);
    const buildSeconds = (performance.now() - started) / 1000;
    const { timeline, seconds } = await cachedTimeline(
      built.video,
      built.dir,
      tag,
      options.reanalyse ?? false,
    );
    const result = evaluateSpeakerCase({
      activeSpeaker: decide(timeline),
      tracks: timeline.tracks,
      labels: built.labels,
    });
    log(
      `speaker bench: ${spec.id} (${caseSeconds(spec)} s) built ${buildSeconds.toFixed(1)} s, ` +
        `${seconds === null ? "timeline cached" : `analysed ${seconds.toFixed(1)} s`}: ` +
        `speech-frame accuracy ${pct(result.metrics.speechFrameAccuracy)}`,
    );
    cases.push({ spec, dir: built.dir, seconds: caseSeconds(spec), analysisSeconds: seconds, result });
  }
  const pool = (split?: string) =>
    poolSpeakerCaseResults(cases.filter((c) => !split || c.spec.split === split).map((c) => c.result));
  const partial = { tag, cases, pooled: { fit: pool("fit"), heldout: pool("heldout"), all: pool() } };
  return { ...partial, markdown: speakerBenchMarkdown(partial) };
}
