// Reads a short's SRT and word-timing files (Node side), with one-line errors naming the file. Both go through one
// reader that decodes UTF-8 (with or without a BOM) and UTF-16 (LE/BE, by BOM or by its zero bytes).
import { readFile } from "node:fs/promises";
import { decodeText } from "../io/decode-text";
import { inputFileProblem } from "../io/input-file";
import { UserFacingError } from "../errors";

export interface CaptionInputs {
  /** SRT text ("" when none). */
  srtText: string;
  /** Parsed word-timing JSON, or null. */
  words: unknown;
  /** The word-timing file's text ("" when none). */
  wordsText: string;
}

/** A caption file's text, decoded by its byte-order mark; one-line errors name the file. */
export async function readCaptionText(path: string, what: string): Promise<string> {
  // A pipe or a device (/dev/zero) would block or never end: refused by kind before it is opened.
  const { problem } = inputFileProblem(path);
  if (problem) throw new UserFacingError(`${what} ${path} ${problem}`);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      code === "ENOENT" ? `${what} ${path} does not exist` : `${what} ${path} cannot be read (${code})`,
    );
  }
  return decodeText(bytes, path);
}

export async function readCaptionInputs(input: {
  srt?: string | null;
  words?: string | null;
}): Promise<CaptionInputs> {
  const srtText = input.srt ? await readCaptionText(input.srt, "SRT") : "";
  let words: unknown = null;
  let wordsText = "";
  if (input.words) {
    wordsText = await readCaptionText(input.words, "word timings");
    try {
      words = JSON.parse(wordsText.replace(/^\uFEFF/, ""));
    } catch (error) {
      throw new UserFacingError(
        `word timings ${input.words} are not valid JSON (${(error as Error).message})`,
      );
    }
  }
  return { srtText, words, wordsText };
}
