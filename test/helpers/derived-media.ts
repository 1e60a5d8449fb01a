// Builds derived test/bench media from ../shared/media with Debian's full ffmpeg (Remotion's build lacks
// hstack/pad/lavfi). Files are cached by recipe in .cache/media (gitignored) and never committed.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, extname, join } from "node:path";
import { REPO_ROOT, SHARED_MEDIA } from "./paths";

export const SYSTEM_FFMPEG = process.env.SPEAKERFRAME_SYSTEM_FFMPEG ?? "/usr/bin/ffmpeg";
const CACHE = join(REPO_ROOT, ".cache", "media");

export const media = (name: string) => join(SHARED_MEDIA, name);

/** Runs the system ffmpeg with `args` writing `name` (the output path is appended), cached by recipe. */
export function derivedMedia(name: string, args: string[]): string {
  const key = createHash("sha256").update(JSON.stringify(args)).digest("hex").slice(0, 12);
  const dot = name.lastIndexOf(".");
  return ffmpegOnce(args, join(CACHE, `${name.slice(0, dot)}-${key}${name.slice(dot)}`));
}

/** Runs the system ffmpeg with `args` into `target` (temp file, then rename) unless `target` exists. */
export function ffmpegOnce(args: string[], target: string): string {
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const temp = `${target}.partial${extname(target)}`;
  try {
    execFileSync(SYSTEM_FFMPEG, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", ...args, temp], {
      stdio: ["ignore", "ignore", "pipe"],
    });
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  renameSync(temp, target);
  return target;
}

/** 1920×1080 25 fps: two real talking faces side by side (face_2 left with its audio, face_3 right), looped. */
export function twoFace1080p(seconds: number): string {
  return derivedMedia(`two-face-1080p-${seconds}s.mp4`, [
    ...["-stream_loop", "-1", "-i", media("videoretalking_face_2.mp4")],
    ...["-stream_loop", "-1", "-i", media("videoretalking_face_3.mp4")],
    "-filter_complex",
    "[0:v]scale=840:840,setsar=1[a];[1:v]scale=840:840,setsar=1[b];[a][b]hstack,pad=1920:1080:120:120,fps=25[v];[0:a]aresample=48000[aa]",
    ...["-map", "[v]", "-map", "[aa]", "-t", String(seconds)],
    ...[
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "21",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-b:a",
      "96k",
    ],
  ]);
}

/** `times` copies of `file` joined without re-encoding (for long-input memory tests). */
export function concatCopies(file: string, times: number, name: string): string {
  mkdirSync(CACHE, { recursive: true });
  const list = join(CACHE, `${name}.txt`);
  writeFileSync(list, Array.from({ length: times }, () => `file '${file}'`).join("\n"));
  return derivedMedia(name, ["-f", "concat", "-safe", "0", "-i", list, "-c", "copy"]);
}
