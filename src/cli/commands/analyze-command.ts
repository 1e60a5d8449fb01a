import { basename, extname, resolve } from "node:path";
import { Command, Option } from "commander";
import { analyzeVideo } from "../../analysis/analyze-video";
import { ensureModels, reportModelFetch } from "../../analysis/models/ensure-models";
import { writeTimelineFile } from "../../timeline/timeline-file";
import { createProgressReporter } from "../progress-reporter";
import { parseTimeRange } from "../parse-options";
import { cliSignal } from "../cli-signal";
import { assertReportExtension, writeReport } from "../../report/write-report";
import { probeMedia } from "../../analysis/ffmpeg";
import { UserFacingError } from "../../errors";
import { checkOutputPath } from "../../io/atomic-output";
import { assertNotAnInput } from "../../io/file-identity";
import { assertTempFolderUsable } from "../../render/install-process-cleanup";
import { resolveOptionalFollow } from "../../render/resolve-follow-input";
import {
  addAnalysisOptions,
  parseAnalysisOptions,
  printWarning,
  type AnalysisCliOptions,
} from "./shared-options";

export function analyzeCommand(): Command {
  const command = new Command("analyze")
    .description("find faces, shots and who speaks when; write a speaker-track timeline JSON")
    .argument("<video>", "landscape talking video (mp4, mov, mkv, ...)")
    .option("-o, --output <file>", "timeline JSON to write (default: <video name>.timeline.json)");
  return (
    addAnalysisOptions(command)
      .option("--start <time>", "analyse from this source time (seconds or [hh:]mm:ss)")
      .option("--end <time>", "analyse up to this source time")
      // --cache was this command's name for the model cache before --model-cache; still accepted, not listed.
      .addOption(new Option("--cache <dir>").hideHelp())
      .option("--report <file>", "also write a report: .html (inline SVG) or .png (headless Chromium)")
      .option(
        "--follow <who>",
        "check whom render --follow would follow: P2, a source time (01:23.5), a face image (.jpg/.png) or a voice excerpt of the video (.wav/.mp3/…)",
      )
      .option("--json", "print a JSON summary on stdout instead of progress and text")
      .action(async (video: string, options: AnalyzeCliOptions) => {
        const output = resolve(options.output ?? `${basename(video, extname(video))}.timeline.json`);
        if (options.report) assertReportExtension(options.report);
        // A .png report is a screenshot by a browser whose profile lives in the temp folder.
        if (options.report && extname(options.report).toLowerCase() === ".png") assertTempFolderUsable();
        const { start, end } = parseTimeRange(options);
        checkAnalyzeOutputs({ video, output, report: options.report });
        if (start) await checkStartInVideo(video, start, options.start!);
        const progress = createProgressReporter("analyze", !options.json);
        const { cache, ...analysisOptions } = options;
        const settings = parseAnalysisOptions({
          ...analysisOptions,
          modelCache: options.modelCache ?? cache,
        });
        // First use: fetch and build the models this analysis needs.
        await ensureModels({
          model: settings.model,
          cacheDir: settings.modelCacheDir,
          signal: cliSignal(),
          onProgress: reportModelFetch,
        });
        const timeline = await analyzeVideo({
          input: video,
          ...settings,
          startSeconds: start,
          durationSeconds: end !== undefined ? end - (start ?? 0) : undefined,
          signal: cliSignal(),
          onWarning: printWarning,
          onProgress: (p) => progress.update(p.stage, p.frame, p.totalFrames),
        }).finally(() => progress.stop());
        await writeTimelineFile(output, timeline);
        // Enrolment is checked after the timeline is written, so a failed match still leaves the analysis.
        const follow = await resolveOptionalFollow({
          timeline,
          who: options.follow,
          modelCacheDir: settings.modelCacheDir,
          device: settings.device,
        });
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
          people: timeline.people?.length ?? 0,
          ...(follow ? { follow: { person: follow.label, how: follow.how, tracks: follow.trackIds } } : {}),
        };
        if (options.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
        else {
          process.stderr.write(
            `analysed ${summary.frames} frames: ${summary.shots} shot(s), ${summary.tracks} face track(s), ${summary.people} people on ${summary.device}\n`,
          );
          if (follow)
            process.stderr.write(
              `--follow ${options.follow}: ${follow.label} (${follow.how}; tracks ${follow.trackIds.join(", ")})\n`,
            );
          process.stdout.write(`${output}\n`);
        }
      })
  );
}

/** A start at or past the end would analyse nothing and still "succeed". */
async function checkStartInVideo(video: string, start: number, given: string): Promise<void> {
  const { durationSeconds } = await probeMedia(video, { signal: cliSignal() });
  if (durationSeconds > 0 && start >= durationSeconds)
    throw new UserFacingError(
      `--start ${given} is at or past the end of ${video} (${durationSeconds.toFixed(2)} s); choose an earlier start`,
    );
}

/** Before any decoding: neither output may be the video (or each other), and both must be writable. */
function checkAnalyzeOutputs(input: { video: string; output: string; report?: string }): void {
  const video = { path: input.video, what: "input video" };
  assertNotAnInput({ path: input.output, what: "-o" }, [video]);
  checkOutputPath(input.output);
  if (input.report) {
    assertNotAnInput({ path: input.report, what: "--report" }, [video, { path: input.output, what: "-o" }]);
    checkOutputPath(input.report);
  }
}

interface AnalyzeCliOptions extends AnalysisCliOptions {
  output?: string;
  start?: string;
  end?: string;
  cache?: string;
  report?: string;
  follow?: string;
  json?: boolean;
}
