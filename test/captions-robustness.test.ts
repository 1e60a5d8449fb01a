// Issue 17, captions, through the real CLI (`npm test` builds dist/ first): a word wider than the frame stays inside
// the caption band, Japanese and emoji draw real glyphs (not tofu boxes), UTF-16 caption files are read, and a
// huge SRT of overlapping cues prints a few warning lines, not one per cue. Pixels are read back with ffmpeg.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CAPTION_STYLE } from "../src/compositions/captions/resolve-caption-style";
import { formatSrtTime } from "../src/srt/parse-srt-cues";
import { REPO_ROOT } from "./helpers/paths";
import { frameRgb } from "./helpers/render-helpers";
import { errorLines, runCli } from "./helpers/run-cli";
import { labelsTimeline, SYNTHETIC_CLIP } from "./helpers/synthetic-timeline";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
const SIZE = { width: 288, height: 512 };
let work: string;
let timeline: string;
let config: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sf-captions-"));
  timeline = join(work, "synthetic.timeline.json");
  writeFileSync(timeline, JSON.stringify(labelsTimeline()));
  // Caption colours that the clip never shows: magenta text, green outline.
  config = join(work, "templates.yaml");
  writeFileSync(
    config,
    [
      "templates:",
      "  probe:",
      "    extends: tiktok",
      '    captions: { textColor: "#FF00FF", highlightColor: "#FF00FF", strokeColor: "#00FF00" }',
    ].join("\n"),
  );
});

const srt = (...cues: [number, number, string][]) =>
  cues
    .map(([from, to, text], i) => `${i + 1}\n${formatSrtTime(from)} --> ${formatSrtTime(to)}\n${text}\n`)
    .join("\n");

/** Renders `seconds` of the synthetic clip (its labels timeline: no analysis) with the probe caption colours. */
async function renderWith(name: string, srtFile: string, seconds: number, size = SIZE) {
  const output = join(work, `${name}.mp4`);
  const result = await runCli(
    [
      ...["render", SYNTHETIC_CLIP, "--timeline", timeline, "--start", "0", "--end", String(seconds)],
      ...["--size", `${size.width}x${size.height}`, "--preset", "ultrafast", "--config", config],
      ...["--template", "probe", "--srt", srtFile, "-o", output],
    ],
    { timeoutMs: 180_000 },
  );
  expect(result.code, result.stderr).toBe(0);
  return { output, result };
}

type Rgb = Uint8Array;
const isMagenta = (p: Rgb, i: number) => p[i]! > 170 && p[i + 1]! < 100 && p[i + 2]! > 170;
const isGreen = (p: Rgb, i: number) => p[i + 1]! > 170 && p[i]! < 110 && p[i + 2]! < 110;
const isCaption = (p: Rgb, i: number) => isMagenta(p, i) || isGreen(p, i);

/** Bounding box and count of the pixels that `test` picks. */
function pixelsWhere(rgb: Rgb, width: number, height: number, test: (p: Rgb, i: number) => boolean) {
  let count = 0;
  const box = { left: width, right: -1, top: height, bottom: -1 };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!test(rgb, 3 * (y * width + x))) continue;
      count++;
      box.left = Math.min(box.left, x);
      box.right = Math.max(box.right, x);
      box.top = Math.min(box.top, y);
      box.bottom = Math.max(box.bottom, y);
    }
  }
  return { count, ...box };
}

/** The caption band of the default style at this size: the safe area's width, centred on the caption's y. */
function captionBand(size: { width: number; height: number }) {
  const safe = DEFAULT_CAPTION_STYLE.safeArea;
  const top = safe.top * size.height;
  const bottom = (1 - safe.bottom) * size.height;
  const centerY = top + DEFAULT_CAPTION_STYLE.verticalPosition * (bottom - top);
  const half = Math.min(centerY - top, bottom - centerY);
  return {
    left: safe.left * size.width,
    right: (1 - safe.right) * size.width,
    top: centerY - half,
    bottom: centerY + half,
  };
}

describe("a word wider than the frame", () => {
  it("shrinks and breaks to stay inside the caption band, never over the face or off the frame", async () => {
    const file = join(work, "long-word.srt");
    writeFileSync(file, srt([0, 1, "A".repeat(272)]));
    const { output } = await renderWith("long-word", file, 1);
    const rgb = await frameRgb({ file: output, seconds: 0.6, ...SIZE });
    const drawn = pixelsWhere(rgb, SIZE.width, SIZE.height, isCaption);
    const band = captionBand(SIZE);
    // The word is drawn (many lines of it), and all of it lies in the band (2 px for the encoder's blur).
    expect(drawn.count).toBeGreaterThan(2000);
    expect(drawn.left).toBeGreaterThanOrEqual(band.left - 2);
    expect(drawn.right).toBeLessThanOrEqual(band.right + 2);
    expect(drawn.top).toBeGreaterThanOrEqual(band.top - 2);
    expect(drawn.bottom).toBeLessThanOrEqual(band.bottom + 2);
    // Several lines: it was broken, not just shrunk to a sliver.
    expect(drawn.bottom - drawn.top).toBeGreaterThan(0.5 * (band.bottom - band.top));
  });
});

describe("Japanese and emoji captions", () => {
  it("draw real glyphs from the bundled Noto fonts, not tofu boxes", async () => {
    // Pairs of pages alike in everything but their characters: tofu boxes would draw them the same.
    const file = join(work, "glyphs.srt");
    writeFileSync(
      file,
      srt([0, 0.25, "日本語"], [0.25, 0.5, "漢字本"], [0.5, 0.75, "🟥🟥🟥"], [0.75, 1, "🟦🟦🟦"]),
    );
    const { output } = await renderWith("glyphs", file, 1);
    const band = captionBand(SIZE);
    const crop = {
      x: 0,
      y: Math.floor(band.top),
      width: SIZE.width,
      height: Math.ceil(band.bottom - band.top),
    };
    const frame = (seconds: number) =>
      frameRgb({ file: output, seconds, width: crop.width, height: crop.height, crop });
    const [japanese1, japanese2, red, blue] = await Promise.all([0.2, 0.45, 0.7, 0.95].map(frame));
    const n = crop.width * crop.height;

    // Japanese: both pages are drawn in the caption colours, in different shapes.
    const mask = (rgb: Rgb) => Array.from({ length: n }, (_, i) => isCaption(rgb, 3 * i));
    const [m1, m2] = [mask(japanese1!), mask(japanese2!)];
    const inEither = m1.filter((v, i) => v || m2[i]).length;
    const inBoth = m1.filter((v, i) => v && m2[i]).length;
    expect(inEither).toBeGreaterThan(150);
    expect(inBoth / inEither, "the two Japanese pages look alike: tofu?").toBeLessThan(0.6);

    // Emoji: colour glyphs in their own colours (tofu would be caption-coloured boxes).
    const isRed = (p: Rgb, i: number) => p[i]! > 180 && p[i + 1]! < 90 && p[i + 2]! < 90;
    const isBlue = (p: Rgb, i: number) => p[i + 2]! > 180 && p[i]! < 90 && p[i + 1]! < 180;
    const count = (rgb: Rgb, test: (p: Rgb, i: number) => boolean) =>
      pixelsWhere(rgb, crop.width, crop.height, test).count;
    expect(count(red!, isRed), "no red squares drawn").toBeGreaterThan(300);
    expect(count(blue!, isBlue), "no blue squares drawn").toBeGreaterThan(300);
    expect(count(red!, isBlue)).toBeLessThan(50);
    expect(count(blue!, isRed)).toBeLessThan(50);
    expect(count(red!, isCaption) + count(blue!, isCaption)).toBeLessThan(150);
  });
});

describe("caption files in UTF-16", () => {
  const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const utf16be = (text: string) => {
    const le = Buffer.from(text, "utf16le");
    for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
    return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
  };

  it("are read by their byte-order mark; bytes that are not text fail in one line", async () => {
    const args = (file: string, flag = "--srt") => [
      ...["render", SYNTHETIC_CLIP, "--timeline", timeline, "--start", "0", "--end", "0.2"],
      ...["--size", "144x256", flag, file, "-o", join(work, "never.mp4")],
    ];
    // A bad tag fails before any render, with the cue's text as written: the file was decoded.
    const badTag = srt([0, 1, "[zom 1.4] 日本語"]);
    for (const [name, bytes] of [
      ["le.srt", utf16le(badTag)],
      ["be.srt", utf16be(badTag)],
    ] as const) {
      const file = join(work, name);
      writeFileSync(file, bytes);
      const run = await runCli(args(file), { timeoutMs: 60_000 });
      expect(run.code, run.stderr).toBe(1);
      expect(errorLines(run.stderr)).toEqual([expect.stringMatching(/cue 1: unknown tag "\[zom 1\.4\]"/)]);
    }
    // Word timings go through the same reader: the UTF-16 JSON is parsed, then checked (a word without times).
    const words = join(work, "words.json");
    writeFileSync(words, utf16be(JSON.stringify([{ text: "日本", startMs: 0 }])));
    const wordsRun = await runCli(args(words, "--words"), { timeoutMs: 60_000 });
    expect(wordsRun.code, wordsRun.stderr).toBe(1);
    expect(errorLines(wordsRun.stderr)).toEqual([
      expect.stringMatching(/caption 0 needs "text", "startMs" and "endMs"/),
    ]);
    // Latin-1 bytes are neither UTF-8 nor UTF-16: one line naming the file.
    const latin1 = join(work, "latin1.srt");
    writeFileSync(latin1, Buffer.from(srt([0, 1, "caf\u00e9 cr\u00e8me"]), "latin1"));
    const run = await runCli(args(latin1), { timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(1);
    expect(errorLines(run.stderr)).toEqual([`speakerframe: ${latin1} is not UTF-8 or UTF-16 text`]);
    expect(readme).toContain("is not UTF-8 or UTF-16 text");
    expect(existsSync(join(work, "never.mp4"))).toBe(false);
  });
});

describe("a huge SRT of overlapping cues", () => {
  it("prints the first few overlaps and one line counting the rest, and still renders", async () => {
    const cues = Array.from({ length: 20_000 }, (_, i): [number, number, string] => [
      i * 0.25,
      i * 0.25 + 0.5,
      `word number ${i + 1}`,
    ]);
    const file = join(work, "overlapping.srt");
    writeFileSync(file, srt(...cues));
    const output = join(work, "overlapping.mp4");
    const run = await runCli(
      [
        ...["render", SYNTHETIC_CLIP, "--timeline", timeline, "--start", "0", "--end", "0.2"],
        ...["--size", "144x256", "--preset", "ultrafast", "--srt", file, "-o", output],
      ],
      { timeoutMs: 240_000 },
    );
    expect(run.code, run.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);
    const lines = run.stderr.split("\n").filter((line) => line.trim());
    expect(lines.length, run.stderr).toBeLessThanOrEqual(10);
    expect(lines.filter((line) => / overlap by /.test(line))).toHaveLength(3);
    expect(lines).toContain(`warning: ${file}: … and 19996 more overlapping cues (first at 00:00:01,000)`);
    expect(readme).toContain("more overlapping cues (first at");
  });
});
