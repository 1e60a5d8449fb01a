import { basename, extname, resolve } from "node:path";
import { Command } from "commander";
import { analyzeVideo } from "../../analysis/analyze-video";
import { ASD_MODEL_IDS } from "../../analysis/asd/create-asd-scorer";
import { writeTimelineFile } from "../../timeline/timeline-file";
import { createProgressReporter } from "../progress-reporter";
import { parseChoice, parseIntegerOption, parseTimeOption } from "../parse-options";
import { cliSignal } from "../cli-signal";
import { UsageError } from "../../errors";
import { assertReportExtension, writeReport } from "../../report/write-report";

export const DEVICES = ["auto", "cpu", "cuda", "webgpu"] as const;

export function analyzeCommand(): Command {
  return new Command("analyze")
    .description("find faces, shots and who speaks when; write a speaker-track timeline JSON")
    .argument("<video>", "landscape talking video (mp4, mov, mkv, ...)")
    .option("-o, --output <file>", "timeline JSON to write (default: <video name>.timeline.json)")
    .option(
      "--model <id>",
      `active-speaker model: ${ASD_MODEL_IDS.join(", ")}, talknet-<sha8>`,
      "lrasd-talkset",
    )
    .option("--device <device>", `where models run: ${DEVICES.join(", ")}`, "auto")
    .option("--detect-every <n>", "run face detection on every Nth analysis frame (1..12)", "3")
    .option("--no-sync", "rank faces that all look like speaking by ASD score alone, without the sync head")
    .option("--start <time>", "analyse from this source time (seconds or [hh:]mm:ss)")
    .option("--end <time>", "analyse up to this source time")
    .option("--cache <dir>", "model cache folder")
    .option("--report <file>", "also write a report: .html (inline SVG) or .png (headless Chromium)")
    .option("--json", "print a JSON summary on stdout instead of progress and text")
    .action(async (video: string, options: AnalyzeCliOptions) => {
      const output = resolve(options.output ?? `${basename(video, extname(video))}.timeline.json`);
      if (options.report) assertReportExtension(options.report);
      const start = options.start !== undefined ? parseTimeOption("--start", options.start) : undefined;
      const end = options.end !== undefined ? parseTimeOption("--end", options.end) : undefined;
      if (start !== undefined && end !== undefined && end <= start) {
        throw new UsageError(`--end ${options.end} must be after --start ${options.start}`);
      }
      const progress = createProgressReporter("analyze", !options.json);
      const timeline = await analyzeVideo({
        input: video,
        model: /^talknet-[0-9a-f]{8}$/.test(options.model)
          ? options.model
          : parseChoice("--model", options.model, ASD_MODEL_IDS),
        device: parseChoice("--device", options.device, DEVICES),
        detectEvery: parseIntegerOption("--detect-every", options.detectEvery, 1, 12),
        sync: options.sync,
        startSeconds: start,
        durationSeconds: end !== undefined ? end - (start ?? 0) : undefined,
        modelCacheDir: options.cache,
        signal: cliSignal(),
        onProgress: (p) => progress.update(p.stage, p.frame, p.totalFrames),
      }).finally(() => progress.stop());
      await writeTimelineFile(output, timeline);
      if (options.report) {
        // Preview frames need source times: only for a timeline of the whole video.
        const report = resolve(options.report);
        await writeReport({ timeline, output: report, video: start ? null : video, signal: cliSignal() });
        if (!options.json) process.stderr.write(`report: ${report}\n`);
      }
      const summary = {
        output,
        frames: timeline.analysis.frameCount,
        shots: timeline.shots.length,
        tracks: timeline.tracks.length,
        device: timeline.analysis.device,
        fallbacks: timeline.analysis.fallbacks,
      };
      if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
      else {
        process.stderr.write(
          `analysed ${summary.frames} frames: ${summary.shots} shot(s), ${summary.tracks} face track(s) on ${summary.device}\n`,
        );
        process.stdout.write(`${output}\n`);
      }
    });
}

interface AnalyzeCliOptions {
  output?: string;
  model: string;
  device: string;
  detectEvery: string;
  sync: boolean;
  start?: string;
  end?: string;
  cache?: string;
  report?: string;
  json?: boolean;
}
