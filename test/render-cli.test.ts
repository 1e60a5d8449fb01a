// `speakerframe render` through the built CLI (`npm test` builds dist/ first; a missing build is made here) and
// renderShort() in-process: analysis into a fresh cache, a real render (270x480, 2.5 s), one-line errors, and
// interruption: SIGINT or an abort leaves no output, no temp file and no Chromium/ffmpeg child behind.
import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CancelledError } from "../src/errors";
import { getServeUrl, releaseServeUrl } from "../src/render/get-serve-url";
import { descendantPids } from "../src/render/install-process-cleanup";
import { renderShort } from "../src/render/render-short";
import { closeMediaServer } from "../src/render/serve-media-file";
import { REPO_ROOT, SHARED_MEDIA } from "./helpers/paths";
import { ffprobe } from "./helpers/render-helpers";
import { labelsTimeline } from "./helpers/synthetic-timeline";
import { runCli, type CliResult } from "./helpers/run-cli";

const VIDEO = join(SHARED_MEDIA, "videoretalking_face_2.mp4");
const SRT = `1
00:00:00,600 --> 00:00:01,800
Render from the command line.

2
00:00:01,900 --> 00:00:02,900
[zoom 1.3] Zoomed in.
`;

function ensureCliBuilt(): void {
  if (!existsSync(join(REPO_ROOT, "dist", "cli.js")))
    execFileSync("npx", ["tsup"], { cwd: REPO_ROOT, stdio: "ignore" });
}

/** Children still running `graceMs` after the CLI exited (killed processes may take a moment under load). */
async function survivors(pids: number[], names: string[], graceMs = 2000): Promise<string[]> {
  const deadline = Date.now() + graceMs;
  let left = pids.filter(alive);
  while (left.length && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = left.filter(alive);
  }
  return left.map((pid) => `${pid} ${names[pids.indexOf(pid)]}`);
}

const alive = (pid: number) => {
  try {
    return !/\) Z /.test(readFileSync(`/proc/${pid}/stat`, "utf8"));
  } catch {
    return false;
  }
};

/** Runs the CLI, sends SIGINT `delayMs` after stderr matches `when`, reports the children seen just before. */
function interruptCli(args: string[], when: RegExp, delayMs: number, env: Record<string, string>) {
  return new Promise<{ code: number | null; stderr: string; children: number[]; names: string[] }>(
    (resolve) => {
      const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "speakerframe.js"), ...args], {
        env: { ...process.env, ...env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stderr = "";
      let children: number[] = [];
      let names: string[] = [];
      let armed = false;
      child.stderr.on("data", (d: Buffer) => {
        stderr += d.toString();
        if (armed || !when.test(stderr)) return;
        armed = true;
        setTimeout(() => {
          children = descendantPids(child.pid!);
          names = children.map((pid) => {
            try {
              return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
            } catch {
              return "?";
            }
          });
          child.kill("SIGINT");
        }, delayMs);
      });
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        // Give the kernel a moment to reap what the exit hooks killed.
        setTimeout(() => resolve({ code, stderr, children, names }), 500);
      });
    },
  );
}

/** The timeline the CLI analysis wrote (reused by the library test below). */
let sharedTimelinePath: string | undefined;
const tempDirs: string[] = [];
afterAll(() => {
  for (const temp of tempDirs) rmSync(temp, { recursive: true, force: true });
});

describe("speakerframe render (CLI)", () => {
  let dir: string;
  let env: Record<string, string>;
  let result: CliResult;
  let timelinePath: string;

  beforeAll(async () => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), "speakerframe-render-"));
    tempDirs.push(dir);
    env = { SPEAKERFRAME_CACHE: join(dir, "cache") };
    writeFileSync(join(dir, "subs.srt"), SRT);
    result = await runCli(
      [
        "render",
        VIDEO,
        "--srt",
        "subs.srt",
        "--start",
        "0.5",
        "--end",
        "00:00:03",
        "--size",
        "270x480",
        "-o",
        "out/short.mp4",
      ],
      { cwd: dir, env, timeoutMs: 180_000 },
    );
    timelinePath = /timeline analysed \((.+)\)/.exec(result.stderr)?.[1] ?? "";
    sharedTimelinePath = timelinePath;
  }, 200_000);

  it("analyses, renders and prints where the output is", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe(join(dir, "out", "short.mp4"));
    expect(result.stderr).toContain("analyze: frames");
    expect(result.stderr).toContain("render: render");
    expect(result.stderr).toMatch(/rendered 63 frames \(2\.52 s, 270x480 @ 25 fps\)/);
    expect(existsSync(timelinePath)).toBe(true);
    expect(readdirSync(join(dir, "out"))).toEqual(["short.mp4"]);
  });

  it("re-renders with other decision settings from the cached analysis, without analysing again", async () => {
    const again = await runCli(
      [
        "render",
        VIDEO,
        "--end",
        "1",
        "--size",
        "270x480",
        "--decision",
        "switchCost=20,minPauseSeconds=0.6",
        "-o",
        "out/again.mp4",
      ],
      { cwd: dir, env, timeoutMs: 180_000 },
    );
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("timeline reused from the cache");
    expect(again.stderr).not.toContain("analyze: frames");
    const bad = await runCli(["render", VIDEO, "--decision", "switchcost=2", "-o", "out/bad.mp4"], {
      cwd: dir,
      env,
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(
      /^speakerframe: --decision: unknown setting "switchcost"; allowed: voiceOnset, /,
    );
  });

  it("writes a valid short: size, duration, audio", async () => {
    const probe = await ffprobe(join(dir, "out", "short.mp4"));
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({
      codec_name: "h264",
      width: 270,
      height: 480,
    });
    expect(probe.streams.find((s) => s.codec_type === "audio")?.codec_name).toBe("aac");
    expect(Math.abs(Number(probe.format.duration) - 2.52)).toBeLessThan(0.1);
  });

  it("refuses a timeline of another video in one line", async () => {
    const other = join(dir, "other.timeline.json");
    writeFileSync(other, JSON.stringify(labelsTimeline()));
    const bad = await runCli(["render", VIDEO, "--timeline", other, "-o", "x.mp4"], {
      cwd: dir,
      env,
      timeoutMs: 30_000,
    });
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toMatch(
      new RegExp(
        `^speakerframe: timeline ${other} was made from another video \\(sha256 30d61c800b98…, ${VIDEO} has f7d30499bc38…\\); drop --timeline to analyse`,
      ),
    );
    expect(existsSync(join(dir, "x.mp4"))).toBe(false);
  });

  it("rejects bad options with exit code 2", async () => {
    const bad = await runCli(["render", VIDEO, "--start", "12:99"], { cwd: dir, env, timeoutMs: 30_000 });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe(
      'speakerframe: --start "12:99" is not a time; use seconds (75.5) or [hh:]mm:ss(.s) with mm, ss < 60',
    );
    const size = await runCli(["render", VIDEO, "--size", "271x480"], { cwd: dir, env, timeoutMs: 30_000 });
    expect(size.code).toBe(2);
    expect(size.stderr).toContain('--size "271x480" must be WIDTHxHEIGHT with even numbers');
    const compositionCases: [string[], string][] = [
      [
        ["--composition", "My Short"],
        'speakerframe: --composition "My Short" is not a composition id: use letters, digits and "-"',
      ],
      [
        ["--entry", "src/nowhere.tsx"],
        'speakerframe: --entry "src/nowhere.tsx" does not exist or is not a file',
      ],
    ];
    for (const [args, message] of compositionCases) {
      const bad = await runCli(["render", VIDEO, ...args], { cwd: dir, env, timeoutMs: 30_000 });
      expect(bad.code).toBe(2);
      expect(bad.stderr.trim()).toBe(message);
    }
  });

  it("on SIGINT while rendering: exit 130, no output, no temp file, no Chromium or ffmpeg left", async () => {
    const out = join(dir, "int");
    // Its own temp folder, to see that nothing (Remotion's working folders, Chromium's profile) stays behind.
    const temp = join(dir, "tmp");
    mkdirSync(temp);
    const run = await interruptCli(
      ["render", VIDEO, "--timeline", timelinePath, "--size", "270x480", "-o", join(out, "short.mp4")],
      /render: render/,
      1500,
      { ...env, TMPDIR: temp },
    );
    expect(run.code).toBe(130);
    expect(run.stderr.trim().split("\n").at(-1)).toBe("speakerframe: render interrupted; no output written");
    expect(run.names).toContain("chromium");
    expect(await survivors(run.children, run.names)).toEqual([]);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    expect(readdirSync(temp)).toEqual([]);
  });

  it("on SIGINT while analysing: exit 130 with one line, no children left", async () => {
    const run = await interruptCli(
      ["render", VIDEO, "-o", join(dir, "int2", "short.mp4")],
      /analyze: frames/,
      300,
      { SPEAKERFRAME_CACHE: join(dir, "cache-2") },
    );
    expect(run.code).toBe(130);
    expect(run.stderr.trim().split("\n").at(-1)).toBe("speakerframe: analysis interrupted");
    expect(await survivors(run.children, run.names)).toEqual([]);
    expect(existsSync(join(dir, "int2"))).toBe(false);
  });
});

describe("renderShort (library)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "speakerframe-api-"));
  });
  afterAll(async () => {
    tempDirs.push(dir);
    await closeMediaServer();
    await releaseServeUrl();
  });

  it("bundles once per process, reuses the serve URL, and an abort leaves no output", async () => {
    const controller = new AbortController();
    let sawRender = false;
    const common = {
      input: VIDEO,
      // The CLI test's analysis when it ran (else this analyses into its own cache).
      timeline: sharedTimelinePath && existsSync(sharedTimelinePath) ? sharedTimelinePath : undefined,
      overrides: { output: { width: 270, height: 480 } },
      analysis: { cacheDir: join(dir, "cache") },
    };
    const first = await renderShort({
      ...common,
      output: join(dir, "one.mp4"),
      startSeconds: 1,
      endSeconds: 2,
    });
    const serveUrl = await getServeUrl();
    expect(first).toMatchObject({ width: 270, height: 480, fps: 25, durationInFrames: 25 });
    const aborted = renderShort({
      ...common,
      output: join(dir, "two.mp4"),
      startSeconds: 0,
      endSeconds: 4,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.stage === "render" && p.done > 5 && !sawRender) {
          sawRender = true;
          controller.abort();
        }
      },
    });
    await expect(aborted).rejects.toBeInstanceOf(CancelledError);
    expect(sawRender).toBe(true);
    expect(await getServeUrl()).toBe(serveUrl);
    expect(readdirSync(dir).filter((f) => f.endsWith(".mp4"))).toEqual(["one.mp4"]);
  }, 180_000);
});
