// Option value checks: each bad value is a one-line usage error naming it and what is allowed.
import { UsageError } from "../errors";
import { parseTimecode } from "../render/parse-timecode";

export function parseChoice<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) {
    throw new UsageError(`${name} "${value}" is not allowed; use one of: ${allowed.join(", ")}`);
  }
  return value as T;
}

export function parseIntegerOption(name: string, value: string, min: number, max: number): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new UsageError(`${name} "${value}" must be a whole number from ${min} to ${max}`);
  }
  return number;
}

/** Seconds from "75", "75.5", "01:15", "00:01:15.5" (minutes and seconds below 60 when colons are used). */
export function parseTimeOption(name: string, value: string): number {
  const seconds = parseTimecode(value);
  if (seconds === null)
    throw new UsageError(
      `${name} "${value}" is not a time; use seconds (75.5) or [hh:]mm:ss(.s) with mm, ss < 60`,
    );
  return seconds;
}

/** --start and --end in source seconds (each optional); the end must come after the start. */
export function parseTimeRange(options: { start?: string; end?: string }): { start?: number; end?: number } {
  const start = options.start !== undefined ? parseTimeOption("--start", options.start) : undefined;
  const end = options.end !== undefined ? parseTimeOption("--end", options.end) : undefined;
  if (start !== undefined && end !== undefined && end <= start)
    throw new UsageError(`--end ${options.end} must be after --start ${options.start}`);
  return { start, end };
}
