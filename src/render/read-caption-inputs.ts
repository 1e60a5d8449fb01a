// Reads a short's SRT and word-timing files (Node side), with one-line errors naming the file.
import { readInputText } from "../io/input-file";
import { UserFacingError } from "../errors";

export interface CaptionInputs {
  /** SRT text ("" when none). */
  srtText: string;
  /** Parsed word-timing JSON, or null. */
  words: unknown;
}

export async function readCaptionInputs(input: {
  srt?: string | null;
  words?: string | null;
}): Promise<CaptionInputs> {
  const srtText = input.srt ? await readInputText(input.srt, "SRT") : "";
  let words: unknown = null;
  if (input.words) {
    const text = await readInputText(input.words, "word timings");
    try {
      words = JSON.parse(text);
    } catch (error) {
      throw new UserFacingError(
        `word timings ${input.words} are not valid JSON (${(error as Error).message})`,
      );
    }
  }
  return { srtText, words };
}
