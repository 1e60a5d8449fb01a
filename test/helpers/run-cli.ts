// Runs the built CLI (dist/, made by `npm test`'s build step) as a user would, capturing exit code and output.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT } from "./paths";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  pid: number;
}

export interface RunCliOptions {
  env?: Record<string, string>;
  cwd?: string;
  /** Send SIGINT (or `interruptSignal`) once stderr matches this, after `interruptDelayMs`. */
  interruptWhen?: RegExp;
  interruptSignal?: NodeJS.Signals;
  interruptDelayMs?: number;
  onInterrupt?: () => void;
  timeoutMs?: number;
  /** Called with the CLI's pid once it runs (to watch its sockets or files). */
  onSpawn?: (pid: number) => void;
}

export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "speakerframe.js"), ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    if (child.pid !== undefined) options.onSpawn?.(child.pid);
    let stdout = "";
    let stderr = "";
    let interrupted = false;
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (options.interruptWhen && !interrupted && options.interruptWhen.test(stderr)) {
        interrupted = true;
        setTimeout(() => {
          options.onInterrupt?.();
          child.kill(options.interruptSignal ?? "SIGINT");
        }, options.interruptDelayMs ?? 0);
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, pid: child.pid ?? -1 });
    });
  });
}

/** The one user-facing line: no stack frames, exactly one non-empty line. */
export function errorLines(stderr: string): string[] {
  return stderr.split("\n").filter((line) => line.trim() && !/^analyze: /.test(line));
}
