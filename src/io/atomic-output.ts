// Outputs appear whole or not at all: everything is written to a temp file beside the target and renamed.
// Temp files still open when the process is interrupted are removed on exit.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";

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
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  pendingTempFiles.add(temp);
  try {
    const result = await write(temp);
    await rename(temp, target);
    return result;
  } catch (error) {
    await rm(temp, { force: true, recursive: true });
    throw error;
  } finally {
    pendingTempFiles.delete(temp);
  }
}

export function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  return withAtomicOutput(target, (temp) => writeFile(temp, data));
}
