// Plans a short in Node before any browser starts, exactly as the composition will: validates the SRT and its
// tags, the word timings and the clip range (one-line errors naming the file and cue), and collects the planner's
// warnings. Pure.
import { prepareSpeakerShort, type PreparedSpeakerShort } from "../compositions/prepare-speaker-short";
import type { SpeakerShortProps } from "../compositions/speaker-short-schema";
import { parseWordTimings } from "../compositions/captions/parse-word-timings";
import { UserFacingError } from "../errors";
import { parseSrtCues } from "../srt/parse-srt-cues";
import type { Timeline } from "../timeline/timeline-schema";

export interface PreflightShortInput {
  props: SpeakerShortProps;
  timeline: Timeline;
  srtText: string;
  words: unknown;
  /** Name of the SRT in errors (its path). */
  srtOrigin: string;
  /** Name of the word timings in errors. */
  wordsOrigin?: string;
}

/** Checks the SRT (times, tags) and the word timings alone: cheap, so batch runs it before any analysis. */
export function checkCaptionInputs(input: Omit<PreflightShortInput, "props" | "timeline">): void {
  // The composition reads a string without "-->" as a location, so text without any cue line is an error here.
  if (input.srtText.trim() !== "" && !input.srtText.includes("-->")) {
    throw new UserFacingError(
      `SRT ${input.srtOrigin} has no cue time line ("00:00:01,000 --> 00:00:02,500"); is it an SRT file?`,
    );
  }
  try {
    parseSrtCues({ text: input.srtText, origin: input.srtOrigin });
    if (input.words !== null && input.words !== undefined) parseWordTimings(input.words, "word timings");
  } catch (error) {
    throw oneLineError(error, input.wordsOrigin);
  }
}

export function preflightShort(input: PreflightShortInput): PreparedSpeakerShort {
  checkCaptionInputs(input);
  const text = input.srtText;
  try {
    return prepareSpeakerShort({
      props: { ...input.props, timeline: input.timeline, srt: text, words: input.words },
      srtOrigin: input.srtOrigin,
    });
  } catch (error) {
    throw oneLineError(error, input.wordsOrigin);
  }
}

function oneLineError(error: unknown, wordsOrigin?: string): UserFacingError {
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n").find((l) => l.trim()) ?? message;
  const name = error instanceof Error ? error.name : "";
  if (name === "WordTimingsError") {
    return new UserFacingError(
      wordsOrigin ? line.replace(/^word timings/, `word timings ${wordsOrigin}`) : line,
    );
  }
  return new UserFacingError(name === "SrtError" ? line : `cannot plan the short: ${line}`);
}
