// Finds ffmpeg/ffprobe: env override, else Remotion's bundled build (same binaries the renderer uses), else PATH.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface FfmpegBinaries {
  ffmpeg: string;
  ffprobe: string;
  /** Extra environment for the binaries (Remotion's build needs its shared libraries on LD_LIBRARY_PATH). */
  env: Record<string, string>;
}

function compositorPackageName(): string {
  const { platform, arch } = process;
  if (platform === "linux") {
    // glibc vs musl: Node reports the glibc version only when linked against glibc.
    const report = process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined;
    return `@remotion/compositor-linux-${arch}-${report?.header?.glibcVersionRuntime ? "gnu" : "musl"}`;
  }
  if (platform === "win32") return `@remotion/compositor-win32-${arch}-msvc`;
  return `@remotion/compositor-${platform}-${arch}`;
}

let cached: FfmpegBinaries | undefined;

export function resolveBinaries(): FfmpegBinaries {
  if (cached) return cached;
  const exe = process.platform === "win32" ? ".exe" : "";
  let bundledDir: string | undefined;
  try {
    const require = createRequire(import.meta.url);
    bundledDir = dirname(require.resolve(`${compositorPackageName()}/package.json`));
  } catch {
    bundledDir = undefined;
  }
  const bundled = (name: string) =>
    bundledDir && existsSync(join(bundledDir, name + exe)) ? join(bundledDir, name + exe) : undefined;
  const ffmpeg = process.env.SPEAKERFRAME_FFMPEG ?? bundled("ffmpeg") ?? "ffmpeg";
  const ffprobe = process.env.SPEAKERFRAME_FFPROBE ?? bundled("ffprobe") ?? "ffprobe";
  const env: Record<string, string> = {};
  if (bundledDir && process.platform === "linux") {
    env.LD_LIBRARY_PATH = [bundledDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":");
  }
  cached = { ffmpeg, ffprobe, env };
  return cached;
}
