// Inputs are regular files: a pipe would block a read forever and a device (/dev/zero) would never end, so both are
// refused by kind before anything opens them, with one line naming the file.
import { statSync, type Stats } from "node:fs";
import { readFile } from "node:fs/promises";
import { UserFacingError } from "../errors";

/** What a file that is not a regular file is, for messages: "a pipe", "a character device", … */
export function fileKind(stats: Stats): string {
  if (stats.isDirectory()) return "a directory";
  if (stats.isCharacterDevice()) return "a character device";
  if (stats.isBlockDevice()) return "a block device";
  if (stats.isFIFO()) return "a pipe";
  if (stats.isSocket()) return "a socket";
  return "not a file";
}

/**
 * Why `path` cannot be read as an input file ("does not exist", "is a directory", "is not a regular file (a
 * pipe)", "cannot be read (EACCES)"), or null when it is an existing regular file (links are followed).
 */
export function inputFileProblem(path: string): { problem: string; stats: Stats | null } {
  let stats: Stats;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: code === "ENOENT" ? "does not exist" : `cannot be read (${code})`, stats: null };
  }
  if (stats.isDirectory()) return { problem: "is a directory", stats };
  if (!stats.isFile()) return { problem: `is not a regular file (${fileKind(stats)})`, stats };
  return { problem: "", stats };
}

/**
 * Reads a text input (timeline, SRT, word timings, manifest, config, labels) after checking that it is a regular
 * file; failures are one line, `${what} ${path} …`, thrown as `makeError(message)`.
 */
export async function readInputText(
  path: string,
  what: string,
  makeError: (message: string) => Error = (message) => new UserFacingError(message),
): Promise<string> {
  const { problem } = inputFileProblem(path);
  if (problem) throw makeError(`${what} ${path} ${problem}`);
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw makeError(`${what} ${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
}
