// Outputs appear whole or not at all: everything is written to a temp file beside the target and renamed.
// Temp files still open when the process is interrupted are removed on exit. Only regular files are replaced: a
// device, pipe or socket (`-o /dev/null`, `/dev/stdout`) is refused, since a rename would put a regular file in its
// place; a symlink to a regular file is followed, so the link stays and its destination gets the output.
import { randomBytes } from "node:crypto";
import {
  accessSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  realpathSync,
  rmSync,
  statSync,
  type Stats,
} from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import { UserFacingError } from "../errors";
import { fileKind } from "./input-file";
import { makeFolder } from "./make-folder";

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

/**
 * Checks, before any heavy work, that `target` can be written: an existing target is a regular file (or a link to
 * one), and its folder exists and is writable or can be created. Returns the path the output will be renamed onto.
 */
export function checkOutputPath(target: string): string {
  const absolute = resolve(target);
  let path = absolute;
  let stats: Stats | null = null;
  try {
    stats = lstatSync(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw describeWriteError(target, error);
  }
  if (stats?.isSymbolicLink()) {
    try {
      stats = statSync(absolute);
      if (stats.isFile()) path = realpathSync(absolute);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw outputError(target, "it is a link to a missing file");
      throw describeWriteError(target, error);
    }
  }
  if (stats?.isDirectory()) throw outputError(target, "it is a folder (EISDIR)");
  if (stats && !stats.isFile()) throw outputError(target, `it is not a regular file (${fileKind(stats)})`);
  if (stats && isStandardStream(stats))
    throw outputError(target, "it is this process's standard input or output");
  checkFolderWritable(target, dirname(path));
  return path;
}

/** The nearest existing ancestor of `folder` must be a writable folder (as root only a read-only mount fails). */
function checkFolderWritable(target: string, folder: string): void {
  let dir = folder;
  for (;;) {
    let stats: Stats;
    try {
      stats = statSync(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const parent = dirname(dir);
      if ((code === "ENOENT" || code === "ENOTDIR") && parent !== dir) {
        dir = parent;
        continue;
      }
      throw describeWriteError(target, error);
    }
    if (!stats.isDirectory()) throw describeWriteError(target, { code: "ENOTDIR" });
    try {
      accessSync(dir, constants.W_OK);
    } catch (error) {
      throw describeWriteError(target, error);
    }
    return;
  }
}

/** `-o /dev/stdout` with stdout redirected to a file: renaming onto it would cut the shell's log off its file. */
function isStandardStream(stats: Stats): boolean {
  return [0, 1, 2].some((fd) => {
    try {
      const stream = fstatSync(fd);
      return stream.dev === stats.dev && stream.ino === stats.ino;
    } catch {
      return false;
    }
  });
}

/** Runs `write(tempPath)`, then renames the temp file onto `target`; on any failure the temp file is removed. */
export async function withAtomicOutput<T>(
  target: string,
  write: (tempPath: string) => Promise<T>,
): Promise<T> {
  installExitHook();
  const destination = checkOutputPath(target);
  try {
    await makeFolder(dirname(destination));
  } catch (error) {
    throw describeWriteError(target, error);
  }
  const temp = tempPathFor(destination);
  pendingTempFiles.add(temp);
  try {
    const result = await write(temp);
    await rename(temp, destination);
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
  ENOENT: "its folder does not exist or was removed",
};

/** A file-system error code of a write (ENOSPC, EROFS, ...) named by its message, when it is one of ours. */
export function writeErrorReason(code: string | undefined): string | null {
  return code && code in WRITE_ERRORS ? `${WRITE_ERRORS[code]} (${code})` : null;
}

function outputError(target: string, reason: string): UserFacingError {
  return new UserFacingError(`cannot write ${target}: ${reason}; choose another output path`);
}

/** File-system failures become one line naming the output and the reason; other errors pass through. */
export function describeWriteError(target: string, error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // ENOENT where the folder exists: the file system refuses the name (e.g. /proc), the folder is there.
  if (code === "ENOENT" && existsSync(dirname(resolve(target))))
    return outputError(target, "the file system there does not allow creating it (ENOENT)");
  const reason = writeErrorReason(code);
  return reason ? outputError(target, reason) : error;
}

export function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  return withAtomicOutput(target, (temp) => writeFile(temp, data));
}
