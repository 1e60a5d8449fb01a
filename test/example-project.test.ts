// The examples/remotion-project user project with the packed package, as a Remotion user installs it: `npm pack`,
// the tarball installed into a scratch copy from the npm registry alone (no .npmrc, no install scripts, no CUDA
// download), then the installed CLI analyses a clip, `npx remotion compositions` lists both compositions,
// `npx remotion render` renders 2 s of each (pixels checked), the installed CLI renders the custom one with
// --entry/--composition, and Studio shows SpeakerShort at 9:16. The same project on the newest Remotion the
// registry serves tests the top of the peer range.
import { execa } from "execa";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, SHARED_MEDIA, SHARED_MODELS } from "./helpers/paths";
import { ffprobe, frameRgb, tempDir } from "./helpers/render-helpers";
import { chromium, compositionArea, killStarted, startStudio } from "./helpers/studio";

const EXAMPLE = join(REPO_ROOT, "examples", "remotion-project");
const SRT = `1
00:00:00,300 --> 00:00:02,400
Welcome back to the show.

2
00:00:02,400 --> 00:00:04,000
[zoom 1.3] Cameras that follow.
`;

/** The newest Remotion the registry serves here: the top of the tested peer range (the bottom is the example's). */
const NEWEST_REMOTION = "4.0.529";
const REMOTION_PACKAGES = ["remotion", "@remotion/cli", "@remotion/media", "@remotion/captions"];

interface RunResult {
  stdout: string;
  stderr: string;
  all: string;
  exitCode: number;
}

interface ExampleApp {
  scratch: string;
  app: string;
  installLog: string;
  run: (file: string, args: string[], timeout?: number) => Promise<RunResult>;
}

/** Packs this package and installs it into a scratch copy of the example, optionally at another Remotion version. */
function exampleApp(remotionVersion?: string): ExampleApp & { setup: () => Promise<void> } {
  const scratch = tempDir("example");
  const app = join(scratch, "app");
  const env = {
    ...process.env,
    SPEAKERFRAME_MODEL_MIRROR: process.env.SPEAKERFRAME_MODEL_MIRROR ?? SHARED_MODELS,
    // npm must not read this repo's .npmrc or config: only what a user's machine has.
    npm_config_userconfig: join(scratch, "no-npmrc"),
  };
  const example: ExampleApp & { setup: () => Promise<void> } = {
    scratch,
    app,
    installLog: "",
    run: async (file, args, timeout = 400_000) => {
      const r = await execa(file, args, { cwd: app, env, timeout, all: true });
      return { stdout: r.stdout, stderr: r.stderr, all: r.all, exitCode: r.exitCode ?? 0 };
    },
    setup: async () => {
      if (!existsSync(join(REPO_ROOT, "dist", "index.d.ts")))
        await execa("npx", ["tsup"], { cwd: REPO_ROOT });
      await execa("npm", ["pack", "--ignore-scripts", "--pack-destination", scratch], { cwd: REPO_ROOT });
      const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"))!;
      cpSync(EXAMPLE, app, {
        recursive: true,
        filter: (src) => !/[/\\](node_modules|out|build)$/.test(src),
      });
      if (remotionVersion) {
        const manifest = JSON.parse(readFileSync(join(app, "package.json"), "utf8"));
        for (const name of REMOTION_PACKAGES) manifest.dependencies[name] = remotionVersion;
        writeFileSync(join(app, "package.json"), JSON.stringify(manifest, null, 2));
      }
      const install = await example.run(
        "npm",
        ["install", join(scratch, tarball), "--prefer-offline", "--no-audit", "--no-fund"],
        600_000,
      );
      example.installLog = install.all;
      mkdirSync(join(app, "public"), { recursive: true });
      cpSync(
        join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.mp4"),
        join(app, "public", "clip.mp4"),
      );
      writeFileSync(join(app, "public", "clip.srt"), SRT);
      // The installed CLI (onnxruntime-node without its install script) writes the timeline, as the README says.
      await example.run("npx", [
        "speakerframe",
        "analyze",
        "public/clip.mp4",
        "-o",
        "public/clip.timeline.json",
        "--end",
        "4",
      ]);
      // One bundle for `compositions` and the renders.
      await example.run("npx", ["remotion", "bundle", "--out-dir=build"]);
    },
  };
  return example;
}

/** The single Remotion version `npm ls` shows in the app (and that there is one copy). */
async function remotionVersions(example: ExampleApp): Promise<string[]> {
  const { stdout } = await example.run("npm", ["ls", "remotion", "--all"]);
  expect(stdout.match(/ remotion@\S+$/gm), stdout).toHaveLength(1);
  return [...new Set([...stdout.matchAll(/remotion@(\S+)/g)].map((m) => m[1]!))];
}

/** Mean and spread of the luma in the middle of a 9:16 frame, and the highlight-coloured caption pixels. */
async function shortPixels(file: string): Promise<{ mean: number; sd: number; yellow: number }> {
  const rgb = await frameRgb({ file, seconds: 1, width: 54, height: 96 });
  const pixel = (x: number, y: number) => [...rgb.subarray((y * 54 + x) * 3, (y * 54 + x) * 3 + 3)];
  const luma = (p: number[]) => 0.299 * p[0]! + 0.587 * p[1]! + 0.114 * p[2]!;
  const centre = [];
  for (let y = 30; y < 66; y++) for (let x = 10; x < 44; x++) centre.push(luma(pixel(x, y)));
  const mean = centre.reduce((a, b) => a + b, 0) / centre.length;
  const sd = Math.sqrt(centre.reduce((a, b) => a + (b - mean) ** 2, 0) / centre.length);
  let yellow = 0;
  for (let y = 48; y < 96; y++)
    for (let x = 0; x < 54; x++) {
      const [r, g, b] = pixel(x, y);
      if (r! > 180 && g! > 160 && b! < 120) yellow++;
    }
  return { mean, sd, yellow };
}

describe("examples/remotion-project with the packed package", () => {
  const example = exampleApp();
  const { scratch, app, run } = example;

  beforeAll(() => example.setup(), 1_500_000);

  afterAll(async () => {
    await killStarted();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("installs from the registry alone: no CUDA download, one Remotion", async () => {
    expect(example.installLog).not.toMatch(/Downloading|nuget/i);
    const ortBin = join(app, "node_modules/onnxruntime-node/bin/napi-v6", process.platform, process.arch);
    expect(readdirSync(ortBin).some((f) => f.includes("providers_cuda"))).toBe(false);
    expect(await remotionVersions(example)).toEqual(["4.0.527"]);
    const timeline = JSON.parse(readFileSync(join(app, "public", "clip.timeline.json"), "utf8"));
    expect(timeline.tracks.length).toBeGreaterThanOrEqual(2);
  }, 120_000);

  it("lists SpeakerShort and the custom TalkingHead composition", async () => {
    const { stdout } = await run("npx", ["remotion", "compositions", "build"]);
    expect(stdout).toMatch(/SpeakerShort\s+25\s+1080x1920\s+100/);
    expect(stdout).toMatch(/TalkingHead\s+25\s+1080x1080\s+100/);
  }, 400_000);

  it("renders 2 s of SpeakerShort: the speaker's face, captions in the highlight colour", async () => {
    await run("npx", ["remotion", "render", "build", "SpeakerShort", "out/short.mp4", "--frames=0-49"]);
    const file = join(app, "out", "short.mp4");
    const probe = await ffprobe(file);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1080, height: 1920 });
    expect(Math.abs(Number(probe.format.duration) - 2)).toBeLessThan(0.1);
    const { mean, sd, yellow } = await shortPixels(file);
    expect(mean, "video in the frame, not black").toBeGreaterThan(60);
    expect(sd, "a picture, not a flat fill").toBeGreaterThan(15);
    expect(yellow, "highlighted caption word").toBeGreaterThan(2);
  }, 400_000);

  it("renders 2 s of the custom composition built from useSpeakerCamera", async () => {
    await run("npx", ["remotion", "render", "build", "TalkingHead", "out/head.mp4", "--frames=0-49"]);
    const file = join(app, "out", "head.mp4");
    const probe = await ffprobe(file);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1080, height: 1080 });
    const rgb = await frameRgb({ file, seconds: 1, width: 108, height: 108 });
    const lumaAt = (x: number, y: number) =>
      rgb[(y * 108 + x) * 3]! * 0.3 + rgb[(y * 108 + x) * 3 + 1]! * 0.6 + rgb[(y * 108 + x) * 3 + 2]! * 0.1;
    let sum = 0;
    for (let y = 24; y < 84; y++) for (let x = 24; x < 84; x++) sum += lumaAt(x, y);
    const centre = sum / 3600;
    expect(centre, "the speaker's window fills the centre").toBeGreaterThan(60);
    // The title bar at the bottom (y 96-108 of 108): dark, with white text on its left.
    let text = 0;
    let barRight = 0;
    for (let y = 97; y < 106; y++) {
      for (let x = 0; x < 80; x++) if (lumaAt(x, y) > 180) text++;
      for (let x = 90; x < 108; x++) barRight += lumaAt(x, y) / (9 * 18);
    }
    expect(text, "title text").toBeGreaterThan(10);
    // The bar is 65 % black over the video: far darker than the picture it covers.
    expect(barRight, "dark title bar").toBeLessThan(0.6 * centre);
  }, 400_000);

  it("the installed CLI renders the project's own composition (--entry, --composition) with the timeline props", async () => {
    // The installed CLI on the project's entry point: the timeline is the project's own analysis.
    const cliRender = (composition: string, output: string) =>
      run("npx", [
        "speakerframe",
        "render",
        "public/clip.mp4",
        "--timeline",
        "public/clip.timeline.json",
        "--entry",
        "src/index.ts",
        "--composition",
        composition,
        "--end",
        "2",
        "-o",
        output,
      ]);
    const cli = await cliRender("TalkingHead", "out/cli-head.mp4");
    expect(cli.exitCode, cli.all).toBe(0);
    const file = join(app, "out", "cli-head.mp4");
    const probe = await ffprobe(file);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1080, height: 1080 });
    const rgb = await frameRgb({ file, seconds: 1, width: 108, height: 108 });
    let text = 0;
    for (let y = 97; y < 106; y++)
      for (let x = 0; x < 80; x++) {
        const i = (y * 108 + x) * 3;
        if (rgb[i]! * 0.3 + rgb[i + 1]! * 0.6 + rgb[i + 2]! * 0.1 > 180) text++;
      }
    expect(text, "TalkingHead's title bar, not SpeakerShort").toBeGreaterThan(10);
    const missing = await cliRender("Nope", "out/nope.mp4").catch(
      (error: { exitCode: number; stderr: string }) => error,
    );
    expect(missing.exitCode).toBe(1);
    const errors = missing.stderr.split("\n").filter((l) => l.startsWith("speakerframe:"));
    expect(errors, missing.stderr).toEqual([
      'speakerframe: --composition "Nope" is not registered by the entry point; available: SpeakerShort, TalkingHead',
    ]);
    expect(existsSync(join(app, "out", "nope.mp4"))).toBe(false);
  }, 400_000);

  it("Studio of the example project shows SpeakerShort at 9:16", async () => {
    const base = await startStudio({
      cwd: app,
      remotionBin: join(app, "node_modules/.bin/remotion"),
      args: [],
    });
    const url = `${base}/SpeakerShort`;
    let dom = "";
    for (let attempt = 0; attempt < 5 && !dom.includes("data-speakerframe"); attempt++) {
      dom = await chromium(["--dump-dom"], url, app);
    }
    expect(dom).toContain('data-speakerframe="SpeakerShort"');
    expect(dom).not.toContain("could not load");
    const file = join(scratch, "studio.png");
    let area = { left: 0, top: 0, width: 0, height: 0 };
    for (let attempt = 0; attempt < 3 && area.height <= 300; attempt++) {
      await chromium([`--screenshot=${file}`], url, app);
      area = compositionArea(file);
    }
    expect(area.height, `composition area ${area.width}x${area.height}`).toBeGreaterThan(300);
    expect(area.width / area.height).toBeGreaterThan(0.53);
    expect(area.width / area.height).toBeLessThan(0.6);
  }, 400_000);
});

describe(`the peer range's top: the example project on Remotion ${NEWEST_REMOTION}`, () => {
  const example = exampleApp(NEWEST_REMOTION);

  beforeAll(() => example.setup(), 1_500_000);
  afterAll(() => rmSync(example.scratch, { recursive: true, force: true }));

  it("installs with one Remotion and renders 1 s of SpeakerShort", async () => {
    expect(await remotionVersions(example)).toEqual([NEWEST_REMOTION]);
    await example.run("npx", [
      "remotion",
      "render",
      "build",
      "SpeakerShort",
      "out/short.mp4",
      "--frames=0-29",
    ]);
    const file = join(example.app, "out", "short.mp4");
    const probe = await ffprobe(file);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1080, height: 1920 });
    const { mean, sd, yellow } = await shortPixels(file);
    expect(mean, "video in the frame, not black").toBeGreaterThan(60);
    expect(sd, "a picture, not a flat fill").toBeGreaterThan(15);
    expect(yellow, "highlighted caption word").toBeGreaterThan(2);
  }, 400_000);
});
