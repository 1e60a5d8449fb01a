// `speakerframe demo` end to end with the mirrors set (as CI does: SPEAKERFRAME_MODEL_MIRROR=../shared/models,
// SPEAKERFRAME_MEDIA_MIRROR=../shared/media) at a small output size, plus its pieces: media fetch with sha256
// checks, and the PNG frames piped into ffmpeg. Uses the built CLI (`npm test` builds first).
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execa } from "execa";
import { DEMO_SRT, DEMO_TIMELINE, DEMO_VIDEO } from "../src/compositions/demo-props";
import { encodePng } from "../src/render/demo/encode-png";
import { DEMO_MEDIA, fetchDemoMedia } from "../src/render/demo/fetch-demo-media";
import { REPO_ROOT, SHARED_MEDIA, SHARED_MODELS } from "./helpers/paths";
import { edgeBands, hasEdgeBand } from "./helpers/edge-bands";
import { ffprobe, frameRgb } from "./helpers/render-helpers";
import { runCli, type CliResult } from "./helpers/run-cli";

describe("demo pieces", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "speakerframe-demo-pieces-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("encodes RGB frames as PNG that decoders read back exactly", () => {
    const width = 7;
    const height = 5;
    const rgb = Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256);
    for (const level of [0, 6]) {
      const png = PNG.sync.read(encodePng({ rgb, width, height, level }));
      expect([png.width, png.height]).toEqual([width, height]);
      const back = new Uint8Array(width * height * 3);
      for (let p = 0; p < width * height; p++) back.set(png.data.subarray(4 * p, 4 * p + 3), 3 * p);
      expect(back).toEqual(rgb);
    }
  });

  it("fetches the demo media from a mirror, verifies it, then reuses the cache", async () => {
    const cacheDir = join(dir, "media");
    const events: string[] = [];
    const paths = await fetchDemoMedia({
      mirrorDir: SHARED_MEDIA,
      cacheDir,
      onProgress: (file, status, source) => events.push(`${status} ${source} ${file}`),
    });
    expect(Object.keys(paths)).toEqual(DEMO_MEDIA.map((m) => m.file));
    expect(events).toEqual(DEMO_MEDIA.map((m) => `fetched mirror ${m.file}`));
    events.length = 0;
    await fetchDemoMedia({
      mirrorDir: SHARED_MEDIA,
      cacheDir,
      onProgress: (file, status, source) => events.push(`${status} ${source} ${file}`),
    });
    expect(events).toEqual(DEMO_MEDIA.map((m) => `present cache ${m.file}`));
  });

  it("names a wrong mirror file and leaves nothing behind", async () => {
    const mirror = join(dir, "bad-mirror");
    mkdirSync(mirror);
    const first = DEMO_MEDIA[0]!;
    writeFileSync(join(mirror, first.file), readFileSync(join(SHARED_MEDIA, first.file)).subarray(0, 1000));
    const cacheDir = join(dir, "media-2");
    await expect(fetchDemoMedia({ mirrorDir: mirror, cacheDir })).rejects.toThrow(
      `${join(mirror, first.file)} is 1000 bytes, expected ${first.bytes}: replace it with ${first.url}`,
    );
    expect(existsSync(join(cacheDir, first.file))).toBe(false);
    copyFileSync(join(SHARED_MEDIA, DEMO_MEDIA[1]!.file), join(mirror, DEMO_MEDIA[1]!.file));
    await expect(fetchDemoMedia({ mirrorDir: join(dir, "nope"), cacheDir })).rejects.toThrow(
      /media mirror .*nope does not exist/,
    );
  });
});

describe("speakerframe demo", () => {
  let dir: string;
  let result: CliResult;

  beforeAll(async () => {
    if (!existsSync(join(REPO_ROOT, "dist", "cli.js")))
      execFileSync("npx", ["tsup"], { cwd: REPO_ROOT, stdio: "ignore" });
    dir = mkdtempSync(join(tmpdir(), "speakerframe-demo-"));
    result = await runCli(["demo", "--size", "270x480", "-o", "out"], {
      cwd: dir,
      env: {
        SPEAKERFRAME_MODEL_MIRROR: SHARED_MODELS,
        SPEAKERFRAME_MEDIA_MIRROR: SHARED_MEDIA,
        // Fresh media and timeline caches: the demo builds and analyses its clip like a first run.
        SPEAKERFRAME_CACHE: join(dir, "cache"),
      },
      timeoutMs: 300_000,
    });
  }, 320_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders out/demo.mp4 and out/demo-preview.png", async () => {
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim().split("\n")).toEqual([
      join(dir, "out", "demo.mp4"),
      join(dir, "out", "demo-preview.png"),
    ]);
    console.log(result.stderr.trim().split("\n").at(-1));
    const probe = await ffprobe(join(dir, "out", "demo.mp4"));
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 270, height: 480 });
    expect(probe.streams.find((s) => s.codec_type === "audio")?.codec_name).toBe("aac");
    expect(Math.abs(Number(probe.format.duration) - 10)).toBeLessThan(0.15);
    const png = PNG.sync.read(readFileSync(join(dir, "out", "demo-preview.png")));
    expect(png.width).toBe(1200);
    expect(png.height).toBeGreaterThan(600);
  });

  it("shows no bars: no sampled frame of demo.mp4 has a uniform band of 1 % or more at an edge", async () => {
    expect(result.code, result.stderr).toBe(0);
    for (let seconds = 0.3; seconds < 10; seconds += 0.8) {
      const rgb = await frameRgb({ file: join(dir, "out", "demo.mp4"), seconds, width: 270, height: 480 });
      const bands = edgeBands(rgb, 270, 480);
      expect(hasEdgeBand(bands, 270, 480), `${seconds.toFixed(1)} s: ${JSON.stringify(bands)}`).toBe(false);
    }
  });

  it("wrote public/demo/ (clip, analysed timeline, SRT) that `npx remotion render` uses with no other step", async () => {
    const publicDir = join(dir, "public");
    for (const file of [DEMO_VIDEO, DEMO_TIMELINE, DEMO_SRT])
      expect(existsSync(join(publicDir, file)), file).toBe(true);
    const timeline = JSON.parse(readFileSync(join(publicDir, DEMO_TIMELINE), "utf8"));
    expect(timeline.analysis.asd.model).toBe("lrasd-talkset"); // an analysis, not a labels timeline
    expect(timeline.tracks.length).toBeGreaterThanOrEqual(2);
    const out = join(dir, "studio-default.mp4");
    const render = await execa(
      "npx",
      [
        "remotion",
        "render",
        "src/compositions/index.ts",
        "SpeakerShort",
        out,
        "--frames=0-24",
        `--public-dir=${publicDir}`,
      ],
      { cwd: REPO_ROOT, reject: false, all: true, timeout: 400_000 },
    );
    expect(render.exitCode, render.all).toBe(0);
    const probe = await ffprobe(out);
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1080, height: 1920 });
  }, 420_000);

  it("without public/demo/, `npx remotion compositions` says which command to run, in one line", async () => {
    if (existsSync(join(REPO_ROOT, "public", DEMO_TIMELINE))) return; // a developer's checkout after the demo
    const result = await execa("npx", ["remotion", "compositions"], {
      cwd: REPO_ROOT,
      reject: false,
      all: true,
    });
    expect(result.exitCode).toBe(1);
    expect(result.all).toContain(
      `speakerframe: public/${DEMO_TIMELINE} is missing; run \`npm run demo\` first`,
    );
    expect(result.all).not.toMatch(/ProtocolError|\n\s+at /);
  }, 120_000);

  it("built a two-speaker landscape clip: two tiles on a dark background", async () => {
    const clip = join(dir, "cache", "media");
    const name = execFileSync("ls", [clip])
      .toString()
      .split("\n")
      .find((f) => f.startsWith("demo-two-speakers-"))!;
    const probe = await ffprobe(join(clip, name));
    expect(probe.streams.find((s) => s.codec_type === "video")).toMatchObject({ width: 1280, height: 720 });
    const rgb = await frameRgb({ file: join(clip, name), seconds: 2, width: 32, height: 18 });
    const at = (x: number, y: number) => rgb[(y * 32 + x) * 3]!;
    expect(at(0, 0)).toBeLessThan(60); // background
    expect(at(0, 9)).toBeLessThan(60);
    expect(Math.max(at(8, 9), at(24, 9))).toBeGreaterThan(60); // the tiles
  });
});
