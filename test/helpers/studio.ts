// Remotion Studio in tests: a free localhost port, processes in their own groups (killed together), headless
// Chromium dumps and screenshots, and the size of the composition area in a screenshot.
import { execa, type ResultPromise } from "execa";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { PNG } from "pngjs";
import { browserOptions } from "../../src/compositions/render/browser-options";

const CHROMIUM = browserOptions().browserExecutable ?? "/usr/bin/chromium";
const started: ResultPromise[] = [];

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts a process in its own process group, so it and its children can be killed together. */
export function startGroup(file: string, args: string[], cwd: string): ResultPromise {
  const child = execa(file, args, { cwd, detached: true, reject: false, buffer: true, all: true });
  started.push(child);
  return child;
}

export function killGroup(child: ResultPromise): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

export async function killStarted(): Promise<void> {
  for (const child of started) killGroup(child);
  await Promise.allSettled(started.splice(0));
}

/** `remotion studio` on a free port; resolves with the Studio URL once it has built. */
export async function startStudio(input: {
  cwd: string;
  remotionBin: string;
  args: string[];
}): Promise<string> {
  const port = await freePort();
  const studio = startGroup(
    input.remotionBin,
    ["studio", ...input.args, `--port=${port}`, "--no-open"],
    input.cwd,
  );
  let log = "";
  studio.all?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const deadline = Date.now() + 240_000;
  while (!/Built in/.test(log)) {
    if (Date.now() > deadline || studio.exitCode !== null) throw new Error(`studio did not start:\n${log}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  return `http://localhost:${port}`;
}

export async function chromium(args: string[], url: string, cwd: string): Promise<string> {
  const child = startGroup(
    CHROMIUM,
    [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--window-size=1400,900",
      // Stop after 30 s at the latest (Studio keeps a live connection open, so "idle" never comes).
      "--timeout=30000",
      ...args,
      url,
    ],
    cwd,
  );
  const timer = setTimeout(() => killGroup(child), 90_000);
  const result = await child;
  clearTimeout(timer);
  killGroup(child); // helpers (zygote, GPU process) of a finished Chromium
  return String(result.stdout);
}

/** The area around the preview's centre that differs from Studio's background, in a 1400x900 screenshot. */
export function compositionArea(file: string): { left: number; top: number; width: number; height: number } {
  const png = PNG.sync.read(readFileSync(file));
  const at = (x: number, y: number) => {
    const i = 4 * (y * png.width + x);
    return [png.data[i]!, png.data[i + 1]!, png.data[i + 2]!];
  };
  const background = at(320, 360);
  const differs = (x: number, y: number) => at(x, y).some((v, c) => Math.abs(v - background[c]!) > 12);
  const y = 330;
  const centre = Math.round((280 + png.width) / 2);
  let left = centre;
  let right = centre;
  while (left > 0 && differs(left - 1, y)) left--;
  while (right < png.width - 1 && differs(right + 1, y)) right++;
  const x = Math.round((left + right) / 2);
  let top = y;
  let bottom = y;
  while (top > 30 && differs(x, top - 1)) top--;
  while (bottom < png.height - 1 && differs(x, bottom + 1)) bottom++;
  return { left, top, width: right - left + 1, height: bottom - top + 1 };
}
