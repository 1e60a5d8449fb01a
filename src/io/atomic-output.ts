// Outputs appear whole or not at all: everything is written to a temp file beside the target and renamed.
// Temp files still open when the process is interrupted are removed on exit.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { UserFacingError } from "../errors";

const pendingTempFiles = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const path of pendingTempFiles) rmSync(path, { force: true, recursive: true });
  });
}

/** A temp path in the target's folder that keeps the target's extension (ffmpeg and Remotion pick formats by it). */
export function tempPathFor(target: string): string {
  const ext = extname(target);
  const stem = basename(target, ext);
  return join(dirname(target), `.${stem}.${process.pid}-${randomBytes(4).toString("hex")}.tmp${ext}`);
}

/** Runs `write(tempPath)`, then renames the temp file onto `target`; on any failure the temp file is removed. */
export async function withAtomicOutput<T>(
  target: string,
  write: (tempPath: string) => Promise<T>,
): Promise<T> {
  installExitHook();
  try {
    await mkdir(dirname(target), { recursive: true });
  } catch (error) {
    throw describeWriteError(target, error);
  }
  const temp = tempPathFor(target);
  pendingTempFiles.add(temp);
  try {
    const result = await write(temp);
    await rename(temp, target);
    return result;
  } catch (error) {
    await rm(temp, { force: true, recursive: true });
    throw describeWriteError(target, error);
  } finally {
    pendingTempFiles.delete(temp);
  }
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  ENOTDIR: "a parent of it is not a folder",
  EEXIST: "a parent of it is not a folder",
  EISDIR: "it is a folder",
};

/** File-system failures become one line naming the output and the reason; other errors pass through. */
function describeWriteError(target: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (!code || !(code in WRITE_ERRORS)) return error;
  return new UserFacingError(
    `cannot write ${target}: ${WRITE_ERRORS[code]} (${code}); choose another output path`,
  );
}

export function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  return withAtomicOutput(target, (temp) => writeFile(temp, data));
}
