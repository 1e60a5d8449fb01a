// Reads a short's SRT and word-timing files (Node side), with one-line errors naming the file.
import { readFile } from "node:fs/promises";
import { UserFacingError } from "../errors";

export interface CaptionInputs {
  /** SRT text ("" when none). */
  srtText: string;
  /** Parsed word-timing JSON, or null. */
  words: unknown;
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      code === "ENOENT" ? `${what} ${path} does not exist` : `${what} ${path} cannot be read (${code})`,
    );
  }
}

export async function readCaptionInputs(input: {
  srt?: string | null;
  words?: string | null;
}): Promise<CaptionInputs> {
  const srtText = input.srt ? await readText(input.srt, "SRT") : "";
  let words: unknown = null;
  if (input.words) {
    const text = await readText(input.words, "word timings");
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
