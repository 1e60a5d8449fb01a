import { UserFacingError } from "../../errors";
import { closeSync, openSync, readSync } from "node:fs";
import { basename } from "node:path";
import { inputFileProblem } from "../../io/input-file";

/** A user-facing problem with an input or output media file; its message is one line. */
export class MediaError extends UserFacingError {
  override name = "MediaError";
}

/**
 * Checks that `input` is an existing, non-empty regular file before any process is started: a pipe or a device
 * (/dev/zero) is refused by kind, never read.
 */
export function assertReadableFile(input: string): void {
  const { problem, stats } = inputFileProblem(input);
  if (stats?.isDirectory()) throw new MediaError(`${input} is a directory, expected a video file`);
  if (problem) throw new MediaError(`${input} ${problem}${stats ? "; pass a video file" : ""}`);
  if (stats!.size === 0) throw new MediaError(`${input} is empty (0 bytes)`);
}

/** Turns ffmpeg/ffprobe stderr into one line naming the file. */
export function describeFfmpegFailure(input: string, stderr: string): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);
  const name = basename(input);
  const known: [RegExp, string][] = [
    // Most specific first: a cut-off mp4 also reports "Invalid data". Any file named .mp4 reports a missing
    // moov atom, so only a file that starts like an MP4 (an ftyp box) counts as truncated.
    [
      /moov atom not found/i,
      startsLikeMp4(input)
        ? "is truncated or incomplete (no moov atom)"
        : "is not a readable media file (invalid data)",
    ],
    [/partial file|Packet corrupt|error reading header|stream ends prematurely/i, "is truncated or damaged"],
    [/Invalid data found when processing input/i, "is not a readable media file (invalid data)"],
    [/No such file or directory/i, "does not exist"],
    [/Permission denied/i, "cannot be read (permission denied)"],
    [/Invalid argument/i, "could not be opened (invalid argument)"],
  ];
  for (const [pattern, text] of known) {
    if (lines.some((line) => pattern.test(line))) return `${input} ${text}`;
  }
  const last = lines.filter((line) => !/^(Conversion failed|Error opening|Exiting)/.test(line)).at(-1);
  return `${name}: ffmpeg failed${last ? `: ${last.replace(/^\[[^\]]+\]\s*/, "")}` : ""}`;
}

function startsLikeMp4(path: string): boolean {
  try {
    const fd = openSync(path, "r");
    try {
      const header = Buffer.alloc(12);
      readSync(fd, header, 0, 12, 0);
      return header.toString("latin1", 4, 8) === "ftyp";
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}
