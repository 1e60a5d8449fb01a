// Process-level cleanup for the render commands (CLI edge). Remotion's browser runner answers SIGINT by killing
// Chromium and calling process.exit(130) at once, so its encoder (ffmpeg, reading frames from a pipe) can outlive
// us for a moment and its working folders stay in the temp folder. This gives the process a private temp folder
// (TMPDIR, which Remotion, Chromium and ffmpeg use) and, on exit, kills any process still below us and removes
// that folder. Our own outputs are already atomic (temp file + rename, removed on exit).
import { accessSync, constants, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { UserFacingError } from "../errors";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";

let installed = false;

/** Pids of every process below `root`, from /proc (empty where there is no /proc). */
export function descendantPids(root: number): number[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // The process ended while we looked.
    }
  }
  const out: number[] = [];
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.pop()!) ?? []) {
      out.push(child);
      queue.push(child);
    }
  }
  return out;
}

/**
 * Chromium puts its singleton socket at $TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket and fails to start
 * when that passes the 107-byte limit of a socket path (a TMPDIR of about 60 characters; macOS gives ~49). The run
 * folder has a short name, and goes to /tmp when the temp folder is too long for Chromium's socket.
 */
export const MAX_TEMP_BASE_LENGTH = 40;

export function runFolderBase(base = tmpdir()): string {
  if (base.length <= MAX_TEMP_BASE_LENGTH) return base;
  try {
    accessSync("/tmp", constants.W_OK);
    return "/tmp";
  } catch {
    return base;
  }
}

export function installProcessCleanup(): void {
  if (installed) return;
  installed = true;
  const root = createRunFolder();
  process.env.TMPDIR = root;
  // Chromium writes crash-report, PulseAudio and dconf folders under ~/.config and ~/.cache: point them at the run
  // folder too. The analysis cache keeps its default location, resolved before XDG_CACHE_HOME moves.
  process.env.SPEAKERFRAME_CACHE ??= join(
    process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"),
    "speakerframe",
  );
  process.env.XDG_CONFIG_HOME = join(root, "config");
  process.env.XDG_CACHE_HOME = join(root, "cache");
  process.on("exit", () => {
    for (const pid of descendantPids(process.pid)) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
    rmSync(root, { recursive: true, force: true });
  });
}

const RUN_FOLDER = /^sf-(\d+)-[A-Za-z0-9]{6}$/;

/** Run folders of processes that were killed (SIGKILL, power loss) before their exit hook could remove them. */
export function sweepStaleRunFolders(base: string): void {
  let entries: string[];
  try {
    entries = readdirSync(base);
  } catch {
    return;
  }
  for (const entry of entries) {
    const pid = Number(RUN_FOLDER.exec(entry)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    rmSync(join(base, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function createRunFolder(): string {
  const base = runFolderBase();
  sweepStaleRunFolders(base);
  try {
    return mkdtempSync(join(base, `sf-${process.pid}-`));
  } catch (error) {
    throw tempFolderError(base, (error as NodeJS.ErrnoException).code);
  }
}

/** Before any work of a command that needs temp files: the temp folder ($TMPDIR, else /tmp) is a writable folder. */
export function assertTempFolderUsable(base = tmpdir()): void {
  try {
    if (!statSync(base).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
    accessSync(base, constants.W_OK);
  } catch (error) {
    throw tempFolderError(base, (error as NodeJS.ErrnoException).code);
  }
}

function tempFolderError(base: string, code: string | undefined): UserFacingError {
  return new UserFacingError(
    `the temp folder ${base} cannot be used (${code ?? "error"}); set TMPDIR to an existing, writable folder`,
  );
}
