// Studio smoke test: `remotion studio` with the demo props on a free localhost port, the composition page loaded in
// headless Chromium; the DOM must hold the rendered SpeakerShort and the screenshot a 9:16 composition area
// (an error shows as text on the Studio background instead). Every process started here is killed by group.
import { execa, type ResultPromise } from "execa";
import { rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareDemo } from "../src/compositions/demo/prepare-demo";
import { browserOptions } from "../src/compositions/render/browser-options";
import { listeningSockets } from "./helpers/listening-sockets";
import { compositionArea } from "./helpers/studio";
import { REPO_ROOT, SHARED_MEDIA } from "./helpers/paths";
import { tempDir } from "./helpers/render-helpers";

const CHROMIUM = browserOptions().browserExecutable ?? "/usr/bin/chromium";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const started: ResultPromise[] = [];
/** Starts a process in its own process group, so it and its children can be killed together. */
function startGroup(file: string, args: string[]): ResultPromise {
  const child = execa(file, args, { cwd: REPO_ROOT, detached: true, reject: false, buffer: true, all: true });
  started.push(child);
  return child;
}
function killGroup(child: ResultPromise) {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    // already gone
  }
}

async function chromium(args: string[], url: string): Promise<string> {
  const child = startGroup(CHROMIUM, [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--window-size=1400,900",
    // Stop after 30 s at the latest (Studio keeps a live connection open, so "idle" never comes).
    "--timeout=30000",
    ...args,
    url,
  ]);
  const timer = setTimeout(() => killGroup(child), 90_000);
  const result = await child;
  clearTimeout(timer);
  killGroup(child); // helpers (zygote, GPU process) of a finished Chromium
  return String(result.stdout);
}

describe("Remotion Studio with the demo props", () => {
  const dirs: string[] = [];
  let url = "";
  let studio: ResultPromise;

  beforeAll(async () => {
    const publicDir = tempDir("studio-public");
    dirs.push(publicDir);
    prepareDemo({ sharedMediaDir: SHARED_MEDIA, publicDir });
    const port = await freePort();
    url = `http://localhost:${port}/SpeakerShort`;
    studio = startGroup(join(REPO_ROOT, "node_modules/.bin/remotion"), [
      "studio",
      "src/compositions/index.ts",
      `--port=${port}`,
      `--public-dir=${publicDir}`,
      "--no-open",
    ]);
    let log = "";
    studio.all?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 180_000;
    while (!/Built in/.test(log)) {
      if (Date.now() > deadline || studio.exitCode !== null) throw new Error(`studio did not start:\n${log}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }, 240_000);

  afterAll(async () => {
    for (const child of started) killGroup(child);
    await Promise.allSettled(started);
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("listens on loopback only and refuses requests with a foreign Host or Origin (issue 17)", async () => {
    const sockets = listeningSockets(studio.pid!);
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.filter((s) => !s.loopback)).toEqual([]);
    const port = Number(new URL(url).port);
    const status = (headers: Record<string, string>) =>
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: "127.0.0.1", port, method: "POST", path: "/api/subscribe-to-file-existence", headers },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify({ file: "/etc/passwd", clientId: "x" }));
      });
    expect(await status({ Host: `evil.example:${port}`, "Content-Type": "application/json" })).toBe(403);
    expect(
      await status({
        Host: `localhost:${port}`,
        Origin: "https://evil.example",
        "Content-Type": "application/json",
      }),
    ).toBe(403);
    expect(await status({ Host: `localhost:${port}`, "Content-Type": "application/json" })).not.toBe(403);
  });

  it("renders SpeakerShort (DOM) without an error", async () => {
    // The first load after a build can fire before the composition mounts: retry a few times.
    let dom = "";
    for (let attempt = 0; attempt < 5 && !dom.includes("data-speakerframe"); attempt++) {
      dom = await chromium(["--dump-dom"], url);
    }
    expect(dom).toContain('data-speakerframe="SpeakerShort"');
    expect(dom).toContain('data-layout="single"');
    // The crop transform of the first frame: 405x720 source window scaled to 1080 px wide.
    expect(dom).toMatch(/translate\([-\d.]+px, [-\d.]+px\) scale\(2\.666/);
    expect(dom).not.toContain("could not load");
    expect(dom).toMatch(/<div id="remotion-error-overlay"><\/div>/);
  }, 120_000);

  it("shows a 9:16 composition area in the screenshot", async () => {
    const dir = tempDir("studio-shot");
    dirs.push(dir);
    const file = join(dir, "studio.png");
    await chromium(["--dump-dom"], url); // warm: the composition is loaded and metadata cached
    // The area around the preview's centre that differs from Studio's background.
    const measure = () => compositionArea(file);
    // On a loaded machine the preview can still be mounting when the screenshot is taken (seen once in CI: an
    // empty preview area); take it again, up to three times, before judging.
    let area = { left: 0, top: 0, width: 0, height: 0 };
    for (let attempt = 0; attempt < 3 && area.height <= 300; attempt++) {
      await chromium([`--screenshot=${file}`], url);
      area = measure();
    }
    const { left, top, width, height } = area;
    expect(height, `composition area ${width}x${height} at (${left},${top})`).toBeGreaterThan(300);
    expect(width / height).toBeGreaterThan(0.53);
    expect(width / height).toBeLessThan(0.6);
  }, 200_000);
});
