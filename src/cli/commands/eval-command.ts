import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { evaluateTimeline } from "../../analysis/evaluation/evaluate-timeline";
import { parseSpeakerLabels } from "../../analysis/evaluation/parse-speaker-labels";
import { readTimelineFile } from "../../timeline/timeline-file";
import { UserFacingError } from "../../errors";
import { printTable } from "./models-command";

export function evalCommand(): Command {
  return new Command("eval")
    .description(
      "compare a timeline with speaker labels (CSV): frame accuracy, average precision, per segment",
    )
    .argument("<timeline>", "timeline JSON from `speakerframe analyze`")
    .argument("<labels>", "labels CSV (start_s,end_s,...,track,tile_x1,tile_y1,tile_x2,tile_y2,label)")
    .option("--json", "print one JSON object")
    .action(async (timelinePath: string, labelsPath: string, options: { json?: boolean }) => {
      const timeline = await readTimelineFile(timelinePath);
      const csv = await readFile(labelsPath, "utf8").catch(() => {
        throw new UserFacingError(`labels ${labelsPath} cannot be read`);
      });
      const result = evaluateTimeline(timeline, parseSpeakerLabels(csv, `labels ${labelsPath}`));
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
