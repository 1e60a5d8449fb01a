// Options that several commands share, declared and parsed in one place so their names, defaults, ranges and
// messages cannot drift apart: the analysis settings (analyze, render, batch), the encoder settings and the
// composition to render (render, batch).
import type { Command } from "commander";
import { ASD_MODEL_IDS, type AsdModelId } from "../../analysis/asd/create-asd-scorer";
import { checkCompositionTarget } from "../../render/check-composition-target";
import type { X264Preset } from "../../render/render-composition";
import type { CompositionTarget } from "../../render/render-short";
import { parseChoice, parseIntegerOption } from "../parse-options";
import {
  DEFAULT_DECISION_PARAMS,
  decisionParamsSchema,
  type DecisionParams,
} from "../../decision/decision-params";
import { formatZodIssue } from "../../render/format-zod-issue";
import { UsageError } from "../../errors";

export const DEVICES = ["auto", "cpu", "cuda", "webgpu"] as const;

export const X264_PRESETS: X264Preset[] = [
  "ultrafast",
  "superfast",
  "veryfast",
  "faster",
  "fast",
  "medium",
  "slow",
];

export interface AnalysisCliOptions {
  model: string;
  device: string;
  detectEvery: string;
  sync: boolean;
  decision?: string;
  scoring: string;
  /** Timeline cache folder (with `caches`). */
  cache?: string;
  modelCache?: string;
  allowTruncated?: boolean;
}

export interface EncodeCliOptions {
  tabs?: string;
  crf?: string;
  preset?: string;
}

/**
 * --model-cache, --model, --device, --detect-every, --no-sync, --decision and --scoring, as analyzeVideo takes
 * them; with `caches`, also --cache (the timeline cache) for commands that analyse through it.
 */
export function addAnalysisOptions(command: Command, { caches = false } = {}): Command {
  command
    .option(
      "--model <id>",
      `active-speaker model: ${ASD_MODEL_IDS.join(", ")}, talknet-<sha8>`,
      "lrasd-talkset",
    )
    .option("--device <device>", `where models run: ${DEVICES.join(", ")}`, "auto")
    .option("--detect-every <n>", "run face detection on every Nth analysis frame (1..12)", "3")
    .option("--no-sync", "rank faces that all look like speaking by ASD score alone, without the sync head")
    .option(
      "--decision <settings>",
      "who-speaks settings as key=value,… (e.g. minPauseSeconds=0.5); applied to the cached analysis, no re-analysis",
    )
    .option(
      "--scoring <mode>",
      "exact (as the reference) or fast (≈ 28 % less scoring CPU; scores move by up to ≈ 1 logit)",
      "exact",
    )
    .option(
      "--allow-truncated",
      "analyse what decodes of a video cut short of its container's duration (warns) instead of failing",
    );
  if (caches) {
    command.option(
      "--cache <dir>",
      "timeline cache folder (env SPEAKERFRAME_CACHE; default ~/.cache/speakerframe)",
    );
  }
  return command.option("--model-cache <dir>", "model cache folder (env SPEAKERFRAME_MODEL_CACHE)");
}

export function parseAnalysisOptions(options: AnalysisCliOptions): {
  model: AsdModelId;
  device: (typeof DEVICES)[number];
  detectEvery: number;
  sync: boolean;
  decision?: Partial<DecisionParams>;
  scoring: "exact" | "fast";
  cacheDir?: string;
  modelCacheDir?: string;
  allowTruncated: boolean;
} {
  return {
    model: parseModelOption(options.model),
    device: parseChoice("--device", options.device, DEVICES),
    detectEvery: parseIntegerOption("--detect-every", options.detectEvery, 1, 12),
    sync: options.sync,
    ...(options.decision !== undefined ? { decision: parseDecisionOption(options.decision) } : {}),
    scoring: parseChoice("--scoring", options.scoring, ["exact", "fast"] as const),
    ...(options.cache !== undefined ? { cacheDir: options.cache } : {}),
    ...(options.modelCache !== undefined ? { modelCacheDir: options.modelCache } : {}),
    allowTruncated: options.allowTruncated ?? false,
  };
}

/** Warnings of an analysis (a truncated video analysed with --allow-truncated), one stderr line each. */
export function printWarning(message: string): void {
  process.stderr.write(`warning: ${message}\n`);
}

/**
 * --decision "key=value,…": numbers for the settings of DEFAULT_DECISION_PARAMS, checked against their allowed
 * ranges (decisionParamsSchema) before any analysis runs.
 */
export function parseDecisionOption(value: string): Partial<DecisionParams> {
  const keys = Object.keys(DEFAULT_DECISION_PARAMS) as (keyof DecisionParams)[];
  const settings: Partial<DecisionParams> = {};
  for (const part of value.split(",").filter((p) => p.trim())) {
    const [key = "", raw = ""] = part.split("=").map((p) => p.trim());
    if (!keys.includes(key as keyof DecisionParams))
      throw new UsageError(`--decision: unknown setting "${key}"; allowed: ${keys.join(", ")}`);
    const number = Number(raw);
    if (raw === "" || !Number.isFinite(number))
      throw new UsageError(`--decision: ${key}=${raw} is not a number`);
    settings[key as keyof DecisionParams] = number;
  }
  const merged = { ...DEFAULT_DECISION_PARAMS, ...settings };
  const checked = decisionParamsSchema.safeParse(merged);
  if (!checked.success)
    throw new UsageError(`--decision: ${formatZodIssue(checked.error.issues[0]!, merged)}`);
  return settings;
}

/** A built-in model id, or a registered TalkNet checkpoint (talknet-<sha8>). */
export function parseModelOption(value: string): AsdModelId {
  return /^talknet-[0-9a-f]{8}$/.test(value) ? value : parseChoice("--model", value, ASD_MODEL_IDS);
}

/** --tabs, --crf and --preset of local renders. */
export function addEncodeOptions(command: Command, tabsHelp: string): Command {
  return command
    .option("--tabs <n>", tabsHelp)
    .option("--crf <n>", "H.264 quality, 0 (lossless) to 51 (default 18)")
    .option("--preset <name>", `x264 preset: ${X264_PRESETS.join(", ")} (default medium)`);
}

/** --entry and --composition: render a user's own composition with SpeakerShort's props. */
export function addCompositionOptions(command: Command): Command {
  return command
    .option(
      "--entry <file>",
      "your Remotion entry point (the file calling registerRoot); default speakerframe's own compositions",
    )
    .option(
      "--composition <id>",
      "composition to render; it gets SpeakerShort's props (default SpeakerShort)",
    );
}

export interface CompositionCliOptions {
  entry?: string;
  composition?: string;
}

export function parseCompositionOptions(options: CompositionCliOptions): CompositionTarget | undefined {
  if (!options.entry && !options.composition) return undefined;
  return checkCompositionTarget({ entryPoint: options.entry, id: options.composition });
}

export function parseEncodeOptions(options: EncodeCliOptions): {
  concurrency: number | null;
  crf: number | undefined;
  x264Preset: X264Preset | undefined;
} {
  return {
    concurrency: options.tabs ? parseIntegerOption("--tabs", options.tabs, 1, 64) : null,
    crf: options.crf ? parseIntegerOption("--crf", options.crf, 0, 51) : undefined,
    x264Preset: options.preset ? parseChoice("--preset", options.preset, X264_PRESETS) : undefined,
  };
}
