// Process-level cleanup for the render commands (CLI edge). Remotion's browser runner answers SIGINT by killing
// Chromium and calling process.exit(130) at once, so its encoder (ffmpeg, reading frames from a pipe) can outlive
// us for a moment and its working folders stay in the temp folder. This gives the process a private temp folder
// (TMPDIR, which Remotion, Chromium and ffmpeg use) and, on exit, kills any process still below us and removes
// that folder. Our own outputs are already atomic (temp file + rename, removed on exit).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
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

export function installProcessCleanup(): void {
  if (installed) return;
  installed = true;
  const root = mkdtempSync(join(tmpdir(), "speakerframe-run-"));
  process.env.TMPDIR = root;
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
