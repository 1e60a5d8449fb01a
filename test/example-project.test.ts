// The examples/remotion-project user project with the packed package, as a Remotion user installs it: `npm pack`,
// the tarball installed into a scratch copy from the npm registry alone (no .npmrc, no install scripts, no CUDA
// download), then the installed CLI analyses a clip, `npx remotion compositions` lists both compositions,
// `npx remotion render` renders 2 s of each (pixels checked), and Studio shows SpeakerShort at 9:16.
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

describe("examples/remotion-project with the packed package", () => {
  const scratch = tempDir("example");
  const app = join(scratch, "app");
  let installLog = "";
  const env = {
    ...process.env,
    SPEAKERFRAME_MODEL_MIRROR: process.env.SPEAKERFRAME_MODEL_MIRROR ?? SHARED_MODELS,
    // npm must not read this repo's .npmrc or config: only what a user's machine has.
    npm_config_userconfig: join(scratch, "no-npmrc"),
  };
  const run = (file: string, args: string[], timeout = 400_000) =>
    execa(file, args, { cwd: app, env, timeout, all: true });

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "dist", "index.d.ts"))) await execa("npx", ["tsup"], { cwd: REPO_ROOT });
    await execa("npm", ["pack", "--ignore-scripts", "--pack-destination", scratch], { cwd: REPO_ROOT });
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz"))!;
    cpSync(EXAMPLE, app, {
      recursive: true,
      filter: (src) => !/[/\\](node_modules|out|build)$/.test(src),
    });
    const install = await run(
      "npm",
      ["install", join(scratch, tarball), "--prefer-offline", "--no-audit", "--no-fund"],
      600_000,
    );
    installLog = install.all ?? "";
    mkdirSync(join(app, "public"), { recursive: true });
    cpSync(
      join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.mp4"),
      join(app, "public", "clip.mp4"),
    );
    writeFileSync(join(app, "public", "clip.srt"), SRT);
    // The installed CLI (onnxruntime-node without its install script) writes the timeline, as the README says.
    await run("npx", [
      "speakerframe",
      "analyze",
      "public/clip.mp4",
      "-o",
      "public/clip.timeline.json",
      "--end",
      "4",
    ]);
    // One bundle for `compositions` and both renders.
    await run("npx", ["remotion", "bundle", "--out-dir=build"]);
  }, 1_500_000);

  afterAll(async () => {
    await killStarted();
    rmSync(scratch, { recursive: true, force: true });
  });

  it("installs from the registry alone: no CUDA download, one Remotion", async () => {
    expect(installLog).not.toMatch(/Downloading|nuget/i);
    const ortBin = join(app, "node_modules/onnxruntime-node/bin/napi-v6", process.platform, process.arch);
    expect(readdirSync(ortBin).some((f) => f.includes("providers_cuda"))).toBe(false);
    const { stdout } = await run("npm", ["ls", "remotion", "--all"]);
    const versions = new Set([...stdout.matchAll(/remotion@(\S+)/g)].map((m) => m[1]));
    expect([...versions], stdout).toEqual(["4.0.527"]);
    expect(stdout.match(/ remotion@\S+$/gm), stdout).toHaveLength(1);
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
    const rgb = await frameRgb({ file, seconds: 1, width: 54, height: 96 });
    const pixel = (x: number, y: number) => [...rgb.subarray((y * 54 + x) * 3, (y * 54 + x) * 3 + 3)];
    const luma = (p: number[]) => 0.299 * p[0]! + 0.587 * p[1]! + 0.114 * p[2]!;
    const centre = [];
    for (let y = 30; y < 66; y++) for (let x = 10; x < 44; x++) centre.push(luma(pixel(x, y)));
    const mean = centre.reduce((a, b) => a + b, 0) / centre.length;
    const sd = Math.sqrt(centre.reduce((a, b) => a + (b - mean) ** 2, 0) / centre.length);
    expect(mean, "video in the frame, not black").toBeGreaterThan(60);
    expect(sd, "a picture, not a flat fill").toBeGreaterThan(15);
    let yellow = 0;
    for (let y = 48; y < 96; y++)
      for (let x = 0; x < 54; x++) {
        const [r, g, b] = pixel(x, y);
        if (r! > 180 && g! > 160 && b! < 120) yellow++;
      }
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
