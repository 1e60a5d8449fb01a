import { basename, extname, resolve } from "node:path";
import { Command } from "commander";
import { UsageError } from "../../errors";
import { assertNotAnInput } from "../../io/file-identity";
import { loadTemplateConfig } from "../../render/load-template-config";
import { renderShort, type RenderShortProgress } from "../../render/render-short";
import type { PropOverrides } from "../../render/template-schema";
import { templateNames } from "../../render/resolve-template";
import { cliSignal } from "../cli-signal";
import { parseChoice, parseIntegerOption, parseTimeRange } from "../parse-options";
import { interruptibleAction } from "../interruptible-action";
import { createProgressReporter, type ProgressReporter } from "../progress-reporter";
import {
  addAnalysisOptions,
  addCompositionOptions,
  addEncodeOptions,
  parseAnalysisOptions,
  parseCompositionOptions,
  parseEncodeOptions,
  printWarning,
  type AnalysisCliOptions,
  type CompositionCliOptions,
  type EncodeCliOptions,
} from "./shared-options";

export function renderCommand(): Command {
  const command = new Command("render")
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
    .option(
      "--follow <who>",
      "follow one person whenever on screen: P2, a source time (01:23.5 = whoever speaks then), a face image (.jpg/.png) or a voice excerpt of the video (.wav/.mp3/…)",
    )
    .option(
      "--follow-fallback <mode>",
      "while the followed person is off screen: 'speaker' (default) or 'wide'",
    );
  addAnalysisOptions(command, { caches: true });
  addCompositionOptions(command);
  return addEncodeOptions(command, "browser tabs rendering in parallel (default: half the cores)")
    .option("--json", "print a JSON summary on stdout instead of progress and text")
    .action(interruptibleAction("render interrupted; no output written", renderAction));
}

async function renderAction(video: string, options: RenderCliOptions): Promise<void> {
  const output = resolve(options.output ?? `${basename(video, extname(video))}.short.mp4`);
  const { start, end } = parseTimeRange(options);
  const overrides: PropOverrides = {};
  if (options.size) overrides.output = parseSize("--size", options.size);
  if (options.fps) overrides.fps = parseIntegerOption("--fps", options.fps, 1, 120);
  if (options.debug) overrides.showDebug = true;
  if (options.srtTimes)
    overrides.srtTimes = parseChoice("--srt-times", options.srtTimes, ["source", "clip"] as const);
  if (options.followFallback) {
    if (!options.follow) throw new UsageError("--follow-fallback needs --follow");
    overrides.camera = {
      followFallback: parseChoice("--follow-fallback", options.followFallback, ["speaker", "wide"] as const),
    };
  }
  if (options.config)
    assertNotAnInput({ path: output, what: "output" }, [{ path: options.config, what: "config" }]);
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
    analysis: { ...parseAnalysisOptions(options), onWarning: printWarning },
    render: { ...parseEncodeOptions(options), composition: parseCompositionOptions(options) },
    follow: options.follow ?? null,
    signal: cliSignal(),
    onProgress: (p) => progress.update(p),
  }).finally(() => progress.stop());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
  if (result.follow) process.stderr.write(`following ${result.follow.person}: ${result.follow.how}\n`);
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

interface RenderCliOptions extends AnalysisCliOptions, EncodeCliOptions, CompositionCliOptions {
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
  follow?: string;
  followFallback?: string;
  json?: boolean;
}
