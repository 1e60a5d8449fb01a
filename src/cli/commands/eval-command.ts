import { existsSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { Command } from "commander";
import { evaluateTimeline } from "../../analysis/evaluation/evaluate-timeline";
import { parseSpeakerLabels } from "../../analysis/evaluation/parse-speaker-labels";
import { probeMedia } from "../../analysis/ffmpeg";
import { UsageError } from "../../errors";
import { readInputText } from "../../io/input-file";
import { sha256File } from "../../io/sha256-file";
import { checkTimelineSource } from "../../render/check-timeline-source";
import { readTimelineFile } from "../../timeline/timeline-file";
import { cliSignal } from "../cli-signal";
import { printTable } from "./models-command";

const VIDEO_EXTENSIONS = [".mp4", ".mov", ".mkv", ".webm", ".avi", ".m4v"];

export function evalCommand(): Command {
  return new Command("eval")
    .description(
      "compare a timeline with speaker labels (CSV): frame accuracy, average precision, per segment",
    )
    .argument("<timeline>", "timeline JSON from `speakerframe analyze`")
    .argument("<labels>", "labels CSV (start_s,end_s,...,track,tile_x1,tile_y1,tile_x2,tile_y2,label)")
    .option(
      "--video <file>",
      "the labelled video, to check the timeline is of it (default: <labels name>.mp4 etc. beside the labels)",
    )
    .option("--json", "print one JSON object")
    .action(async (timelinePath: string, labelsPath: string, options: { video?: string; json?: boolean }) => {
      const timeline = await readTimelineFile(timelinePath);
      const csv = await readInputText(labelsPath, "labels");
      const labels = parseSpeakerLabels(csv, `labels ${labelsPath}`);
      // A timeline of another video would be scored against labels that do not describe it.
      const video = options.video ?? videoBesideLabels(labelsPath);
      if (!video) {
        throw new UsageError(
          `no video found beside labels ${labelsPath} (${labelsStem(labelsPath)}.mp4, …) to check that ${timelinePath} is its timeline; pass --video FILE`,
        );
      }
      const [videoSha256, info] = await Promise.all([
        sha256File(video),
        probeMedia(video, { signal: cliSignal() }),
      ]);
      checkTimelineSource({
        timeline,
        timelineOrigin: timelinePath,
        videoPath: video,
        videoSha256,
        videoDurationSeconds: info.durationSeconds,
        videoSize: { width: info.width, height: info.height },
        fix: `the labels are of ${video}: evaluate a timeline analysed from it`,
      });
      const result = evaluateTimeline(timeline, labels);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(result)}\n`);
        return;
      }
      const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
      process.stdout.write(`frame accuracy     ${pct(result.frameAccuracy)} of ${result.frames} frames\n`);
      process.stdout.write(`average precision  ${result.averagePrecision.toFixed(3)}\n\n`);
      printTable(
        ["face", "from s", "to s", "label", "detected", "correct", "mean score"],
        result.segments.map((s) => [
          s.face,
          s.startSeconds.toFixed(2),
          s.endSeconds.toFixed(2),
          s.speaking ? "speaking" : "silent",
          pct(s.detectedFrames / Math.max(1, s.frames)),
          pct(s.correctFrames / Math.max(1, s.frames)),
          s.meanScore === null ? "-" : s.meanScore.toFixed(2),
        ]),
      );
    });
}

/** `clip.labels.csv` → `clip`. */
function labelsStem(labelsPath: string): string {
  return basename(labelsPath).replace(/(\.labels)?\.csv$/i, "");
}

/** The video the labels are named after, in the labels' folder (clip.labels.csv → clip.mp4, clip.mov, …). */
function videoBesideLabels(labelsPath: string): string | null {
  const stem = join(dirname(labelsPath), labelsStem(labelsPath));
  for (const ext of VIDEO_EXTENSIONS) {
    const candidate = `${stem}${ext}`;
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}
