// Real renders for tests and the bench: bundle the compositions, render through @remotion/renderer with the local
// Chromium, inspect results with Remotion's bundled ffprobe/ffmpeg (no system ffmpeg needed).
import { bundle } from "@remotion/bundler";
import { execa } from "execa";
import { copyFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { PNG } from "pngjs";
import { renderComposition, type X264Preset } from "../../src/render/render-composition";
import type { SpeakerShortProps } from "../../src/compositions/speaker-short-schema";
import { REPO_ROOT } from "./paths";

export const COMPOSITOR_DIR = join(REPO_ROOT, "node_modules/@remotion/compositor-linux-x64-gnu");
export const FFMPEG = join(COMPOSITOR_DIR, "ffmpeg");
export const FFPROBE = join(COMPOSITOR_DIR, "ffprobe");
const toolEnv = { LD_LIBRARY_PATH: [COMPOSITOR_DIR, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":") };

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `speakerframe-${prefix}-`));
}

/** A public folder holding copies of the given files (served as staticFile(basename)). */
export function publicDirWith(files: string[]): string {
  const dir = tempDir("public");
  mkdirSync(dir, { recursive: true });
  for (const file of files) copyFileSync(file, join(dir, basename(file)));
  return dir;
}

export async function bundleCompositions(publicDir: string): Promise<string> {
  return bundle({
    entryPoint: join(REPO_ROOT, "src/compositions/index.ts"),
    publicDir,
    outDir: tempDir("bundle"),
    // Webpack's filesystem cache lives in node_modules/.cache: keeps repeated runs fast, shared by nobody else.
    enableCaching: true,
  });
}

export interface RenderResult {
  output: string;
  durationInFrames: number;
  fps: number;
  /** Wall time of selectComposition + renderMedia, ms. */
  renderMs: number;
}

/** A render through the product's own path (renderComposition, the CLI's settings). */
export async function renderSpeakerShort(input: {
  serveUrl: string;
  inputProps: Partial<SpeakerShortProps>;
  output: string;
  crf?: number;
  x264Preset?: X264Preset;
  concurrency?: number | null;
}): Promise<RenderResult> {
  const started = performance.now();
  const result = await renderComposition({
    serveUrl: input.serveUrl,
    inputProps: input.inputProps as SpeakerShortProps,
    outputLocation: input.output,
    crf: input.crf,
    x264Preset: input.x264Preset,
    concurrency: input.concurrency ?? null,
  });
  return {
    output: input.output,
    durationInFrames: result.durationInFrames,
    fps: result.fps,
    renderMs: performance.now() - started,
  };
}

export interface ProbedStream {
  codec_type: "video" | "audio" | string;
  codec_name: string;
  width?: number;
  height?: number;
  duration?: string;
  nb_frames?: string;
}

export async function ffprobe(
  file: string,
): Promise<{ streams: ProbedStream[]; format: { duration: string } }> {
  const { stdout } = await execa(
    FFPROBE,
    ["-v", "error", "-show_streams", "-show_format", "-of", "json", file],
    {
      env: toolEnv,
    },
  );
  return JSON.parse(stdout);
}

export async function ffmpeg(args: string[]): Promise<void> {
  await execa(FFMPEG, ["-hide_banner", "-v", "error", "-y", ...args], { env: toolEnv });
}

/** One frame as packed RGB, optionally cropped (source px) and scaled to width x height. */
export async function frameRgb(input: {
  file: string;
  seconds: number;
  width: number;
  height: number;
  crop?: { x: number; y: number; width: number; height: number };
}): Promise<Uint8Array> {
  const filters = [
    input.crop
      ? `crop=${Math.round(input.crop.width)}:${Math.round(input.crop.height)}:${Math.round(input.crop.x)}:${Math.round(input.crop.y)}`
      : null,
    `scale=${input.width}:${input.height}:flags=area`,
  ].filter(Boolean);
  // Remotion's ffmpeg has no rawvideo muxer: pipe one PNG and decode it here.
  const { stdout } = await execa(
    FFMPEG,
    [
      ...["-hide_banner", "-v", "error", "-ss", input.seconds.toFixed(3), "-i", input.file, "-frames:v", "1"],
      ...["-vf", filters.join(","), "-f", "image2pipe", "-c:v", "png", "-"],
    ],
    { env: toolEnv, encoding: "buffer" },
  );
  const png = PNG.sync.read(Buffer.from(stdout));
  const rgb = new Uint8Array(png.width * png.height * 3);
  for (let i = 0, j = 0; i < png.data.length; i += 4, j += 3) {
    rgb[j] = png.data[i]!;
    rgb[j + 1] = png.data[i + 1]!;
    rgb[j + 2] = png.data[i + 2]!;
  }
  return rgb;
}

/** Pearson correlation of two equally sized pixel buffers. */
export function correlation(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new Error(`correlation of ${a.length} vs ${b.length} values`);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= a.length;
  mb /= b.length;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return cov / Math.sqrt(va * vb || 1);
}
