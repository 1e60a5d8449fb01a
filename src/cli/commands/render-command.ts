import { basename, extname, resolve } from "node:path";
import { Command } from "commander";
import { installProcessCleanup } from "../../render/install-process-cleanup";
import { ASD_MODEL_IDS } from "../../analysis/asd/create-asd-scorer";
import { UsageError } from "../../errors";
import { parseTimecode } from "../../render/parse-timecode";
import { loadTemplateConfig } from "../../render/load-template-config";
import { renderShort, type RenderShortProgress } from "../../render/render-short";
import type { X264Preset } from "../../render/render-composition";
import type { PropOverrides } from "../../render/template-schema";
import { templateNames } from "../../render/resolve-template";
import { cliSignal } from "../cli-signal";
import { parseChoice, parseIntegerOption } from "../parse-options";
import { createProgressReporter, type ProgressReporter } from "../progress-reporter";
import { DEVICES } from "./analyze-command";

export const X264_PRESETS: X264Preset[] = [
  "ultrafast",
  "superfast",
  "veryfast",
  "faster",
  "fast",
  "medium",
  "slow",
];

export function renderCommand(): Command {
  return new Command("render")
    .description("analyse (or reuse the cached analysis), plan the camera and render a short with captions")
    .argument("<video>", "landscape talking video")
    .option("-o, --output <file>", "short to write: .mp4, .mov or .mkv (default: <video name>.short.mp4)")
    .option("--srt <file>", "SRT captions, may carry camera tags ([zoom 1.3], [two-shot], ...)")
    .option("--words <file>", "word timings JSON (Remotion Caption[], whisper / WhisperX / whisper.cpp)")
    .option("--start <time>", "clip start in source time (seconds or [hh:]mm:ss(.s))")
    .option("--end <time>", "clip end in source time (default: end of the video)")
    .option("--template <name>", `prop preset: ${templateNames().join(", ")} or one from --config`, "tiktok")
    .option(
      "--config <file>",
      "templates config (JSON or YAML: templates: {name: {extends, output, camera, captions, ...}})",
    )
    .option("--size <WxH>", "output size in px, even numbers (overrides the template), e.g. 540x960")
    .option("--fps <n>", "output frames per second (default: the source's)")
    .option("--debug", "draw face boxes and the camera's reasons")
    .option("--timeline <file>", "use this timeline JSON instead of analysing (must be of this video)")
    .option("--srt-times <mode>", "SRT and word times count from the 'source' or the 'clip' start")
    .option("--model <id>", `active-speaker model: ${ASD_MODEL_IDS.join(", ")}`, "lrasd-talkset")
    .option("--device <device>", `where models run: ${DEVICES.join(", ")}`, "auto")
    .option("--detect-every <n>", "run face detection on every Nth analysis frame (1..12)", "3")
    .option("--cache <dir>", "timeline cache folder (env SPEAKERFRAME_CACHE; default ~/.cache/speakerframe)")
    .option("--model-cache <dir>", "model cache folder (env SPEAKERFRAME_MODEL_CACHE)")
    .option("--tabs <n>", "browser tabs rendering in parallel (default: half the cores)")
    .option("--crf <n>", "H.264 quality, 0 (lossless) to 51 (default 18)")
    .option("--preset <name>", `x264 preset: ${X264_PRESETS.join(", ")} (default medium)`)
    .option("--json", "print a JSON summary on stdout instead of progress and text")
    .action(async (video: string, options: RenderCliOptions) => {
      const settle = announceInterruptOnExit("render interrupted; no output written");
      installProcessCleanup();
      try {
        await renderAction(video, options);
      } finally {
        settle();
      }
    });
}

async function renderAction(video: string, options: RenderCliOptions): Promise<void> {
  const output = resolve(options.output ?? `${basename(video, extname(video))}.short.mp4`);
  const start = options.start !== undefined ? parseTimeFlag("--start", options.start) : undefined;
  const end = options.end !== undefined ? parseTimeFlag("--end", options.end) : undefined;
  if (start !== undefined && end !== undefined && end <= start) {
    throw new UsageError(`--end ${options.end} must be after --start ${options.start}`);
  }
  const overrides: PropOverrides = {};
  if (options.size) overrides.output = parseSize("--size", options.size);
  if (options.fps) overrides.fps = parseIntegerOption("--fps", options.fps, 1, 120);
  if (options.debug) overrides.showDebug = true;
  if (options.srtTimes)
    overrides.srtTimes = parseChoice("--srt-times", options.srtTimes, ["source", "clip"] as const);
  const templates = options.config ? await loadTemplateConfig(options.config) : undefined;
  const progress = createStagedProgress(!options.json);
  const result = await renderShort({
    input: video,
    output,
    srt: options.srt,
    words: options.words,
    startSeconds: start,
    endSeconds: end ?? null,
    template: options.template,
    templates,
    overrides,
    timeline: options.timeline,
    analysis: {
      model: parseModelOption(options.model),
      device: parseChoice("--device", options.device, DEVICES),
      detectEvery: parseIntegerOption("--detect-every", options.detectEvery, 1, 12),
      cacheDir: options.cache,
      modelCacheDir: options.modelCache,
    },
    render: {
      concurrency: options.tabs ? parseIntegerOption("--tabs", options.tabs, 1, 64) : null,
      crf: options.crf ? parseIntegerOption("--crf", options.crf, 0, 51) : undefined,
      x264Preset: options.preset ? parseChoice("--preset", options.preset, X264_PRESETS) : undefined,
    },
    signal: cliSignal(),
    onProgress: (p) => progress.update(p),
  }).finally(() => progress.stop());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  const seconds = result.durationInFrames / result.fps;
  process.stderr.write(
    `rendered ${result.durationInFrames} frames (${seconds.toFixed(2)} s, ${result.width}x${result.height} @ ${result.fps} fps) in ${result.renderSeconds.toFixed(1)} s; timeline ${describeTimeline(result.timelineFrom, result.timelinePath)}\n`,
  );
  process.stdout.write(`${result.output}\n`);
}

function describeTimeline(from: string, path: string | null): string {
  if (from === "given") return `from ${path}`;
  return `${from === "cache" ? "reused from the cache" : "analysed"} (${path})`;
}

/**
 * Remotion's browser runner handles SIGINT itself (kills Chromium, then process.exit(130)), so an interrupted
 * render never reaches the CLI's error path; this says what happened on the way out. Temp outputs are removed by
 * the atomic-output exit hook, ffmpeg children by theirs. Call the returned function when the action settles
 * (then the CLI's own error line, if any, is the one printed).
 */
export function announceInterruptOnExit(message = "interrupted"): () => void {
  const signal = cliSignal();
  let settled = false;
  process.once("exit", (code) => {
    if (!settled && signal.aborted && code === 130) process.stderr.write(`speakerframe: ${message}\n`);
  });
  return () => {
    settled = true;
  };
}

/** A model id from the manifest, or a registered TalkNet checkpoint (talknet-<sha8>). */
export function parseModelOption(value: string): string {
  return /^talknet-[0-9a-f]{8}$/.test(value) ? value : parseChoice("--model", value, ASD_MODEL_IDS);
}

export function parseTimeFlag(name: string, value: string): number {
  const seconds = parseTimecode(value);
  if (seconds === null) {
    throw new UsageError(
      `${name} "${value}" is not a time; use seconds (75.5) or [hh:]mm:ss(.s) with mm, ss < 60`,
    );
  }
  return seconds;
}

export function parseSize(name: string, value: string): { width: number; height: number } {
  const match = /^(\d+)x(\d+)$/i.exec(value.trim());
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  const ok = (v: number) => Number.isInteger(v) && v >= 16 && v <= 4320 && v % 2 === 0;
  if (!match || !ok(width) || !ok(height)) {
    throw new UsageError(
      `${name} "${value}" must be WIDTHxHEIGHT with even numbers from 16 to 4320, e.g. 1080x1920`,
    );
  }
  return { width, height };
}

/** One progress bar per phase (analysis, then bundle/render/encode), so fps and ETA are per phase. */
export function createStagedProgress(
  enabled: boolean,
  prefix = "",
): {
  update(progress: RenderShortProgress): void;
  stop(): void;
} {
  let current: { label: string; reporter: ProgressReporter } | null = null;
  return {
    update(p) {
      const label = `${prefix}${p.stage === "analyze" ? "analyze" : "render"}`;
      if (current?.label !== label) {
        current?.reporter.stop();
        current = { label, reporter: createProgressReporter(label, enabled) };
      }
      current.reporter.update(p.stage === "analyze" ? (p.detail ?? "frames") : p.stage, p.done, p.total);
    },
    stop() {
      current?.reporter.stop();
      current = null;
    },
  };
}

interface RenderCliOptions {
  output?: string;
  srt?: string;
  words?: string;
  start?: string;
  end?: string;
  template: string;
  config?: string;
  size?: string;
  fps?: string;
  debug?: boolean;
  timeline?: string;
  srtTimes?: string;
  model: string;
  device: string;
  detectEvery: string;
  cache?: string;
  modelCache?: string;
  tabs?: string;
  crf?: string;
  preset?: string;
  json?: boolean;
}
