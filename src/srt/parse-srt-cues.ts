// SRT text -> cues with camera tags. Strict where errors matter (times, tags: one-line errors naming the cue) and
// lenient where files differ in the wild (BOM, CRLF, missing cue numbers, `.` before milliseconds, blank files).
// Each validated time line goes through @remotion/captions' parseSrt; text and tags are read here.
import { parseSrt } from "@remotion/captions";
import { parseCueTags, type CueTag } from "./parse-cue-tags";
import { SrtError } from "./srt-error";

export interface SrtCue {
  /** Cue number as written in the file (its position, 1-based, when the number is missing). */
  number: number;
  startSeconds: number;
  endSeconds: number;
  /** End for display and tags: cut short where the next cue starts when cues overlap. */
  displayEndSeconds: number;
  /** Caption text without tags or formatting markup; lines joined by "\n". */
  text: string;
  tags: CueTag[];
}

export interface ParseSrtCuesInput {
  /** SRT file contents. */
  text: string;
  /** Name used in errors, e.g. the file name. */
  origin?: string;
}

export interface ParseSrtCuesResult {
  /** Sorted by start time. */
  cues: SrtCue[];
  /** Non-fatal notes, e.g. overlapping cues. */
  warnings: string[];
}

const TIME = String.raw`(\d+):([0-5]\d):([0-5]\d)[,.](\d{3})`;
const TIMING = new RegExp(String.raw`^\s*${TIME}\s*-->\s*${TIME}(?:\s+.*)?$`);

export function parseSrtCues(input: ParseSrtCuesInput): ParseSrtCuesResult {
  const origin = input.origin ?? "SRT";
  const normalized = input.text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  const lines = normalized.split("\n");
  const isNumber = (line: string | undefined) => line !== undefined && /^\s*\d+\s*$/.test(line);
  const isBlank = (line: string | undefined) => line === undefined || line.trim() === "";

  const cues: SrtCue[] = [];
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i])) {
      i++;
      continue;
    }
    let number = cues.length + 1;
    if (isNumber(lines[i])) number = Number(lines[i++]!.trim());
    const where = `${origin} cue ${number}`;
    const timing = lines[i++] ?? "";
    if (!timing.includes("-->")) {
      throw new SrtError(
        `${where}: expected a time line "HH:MM:SS,mmm --> HH:MM:SS,mmm", got ${JSON.stringify(timing.trim())}`,
      );
    }
    const match = TIMING.exec(timing);
    if (!match) {
      throw new SrtError(
        `${where}: malformed time ${JSON.stringify(timing.trim())}; expected HH:MM:SS,mmm --> HH:MM:SS,mmm`,
      );
    }
    const textLines: string[] = [];
    while (i < lines.length && !isBlank(lines[i])) {
      // A missing blank line before the next cue: its time line (and number line) start a new cue.
      if (TIMING.test(lines[i]!)) {
        if (isNumber(textLines[textLines.length - 1])) {
          textLines.pop();
          i--;
        }
        break;
      }
      textLines.push(lines[i++]!);
    }
    // Formatting markup (<i>, <font ...>, {\an8}) is not caption text.
    const rawText = textLines
      .join("\n")
      .replace(/<\/?[a-z][^>]*>/gi, "")
      .replace(/\{\\[^}]*\}/g, "");
    const [, h1, m1, s1, ms1, h2, m2, s2, ms2] = match;
    const canonical = `${h1}:${m1}:${s1},${ms1} --> ${h2}:${m2}:${s2},${ms2}`;
    const [caption] = parseSrt({ input: `1\n${canonical}\n\n` }).captions;
    if (!caption) throw new SrtError(`${where}: could not be parsed`);
    const startSeconds = Math.round(caption.startMs) / 1000;
    const endSeconds = Math.round(caption.endMs) / 1000;
    if (endSeconds < startSeconds) {
      throw new SrtError(
        `${where}: ends (${endSeconds} s) before it starts (${startSeconds} s) in ${JSON.stringify(timing.trim())}`,
      );
    }
    const { text, tags } = parseCueTags({ text: rawText, where });
    cues.push({ number, startSeconds, endSeconds, displayEndSeconds: endSeconds, text, tags });
  }

  const warnings: string[] = [];
  cues.sort((a, b) => a.startSeconds - b.startSeconds);
  let overlaps = 0;
  let firstUnlisted = 0;
  for (let i = 0; i + 1 < cues.length; i++) {
    const cue = cues[i]!;
    const next = cues[i + 1]!;
    if (next.startSeconds < cue.endSeconds) {
      cue.displayEndSeconds = Math.min(cue.displayEndSeconds, next.startSeconds);
      // The first few are listed; the rest are counted in one line (a broken file can have thousands).
      if (++overlaps <= MAX_LISTED_WARNINGS) {
        warnings.push(
          `${origin} cues ${cue.number} and ${next.number} overlap by ${(cue.endSeconds - next.startSeconds).toFixed(3)} s: cue ${cue.number} ends where cue ${next.number} starts`,
        );
      } else if (overlaps === MAX_LISTED_WARNINGS + 1) firstUnlisted = next.startSeconds;
    }
  }
  if (overlaps > MAX_LISTED_WARNINGS) {
    warnings.push(
      `${origin}: … and ${overlaps - MAX_LISTED_WARNINGS} more overlapping cues (first at ${formatSrtTime(firstUnlisted)})`,
    );
  }
  return { cues, warnings };
}

/** Warnings of one kind listed one by one; more are summed up in one line. */
export const MAX_LISTED_WARNINGS = 3;

/** Seconds as an SRT time, `HH:MM:SS,mmm`. */
export function formatSrtTime(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)},${pad(ms % 1000, 3)}`;
}
