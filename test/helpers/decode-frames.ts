// Test-only frame decoder: Remotion's bundled ffmpeg → constant-rate packed RGB/BGR frames, streamed. To be
// replaced by src/analysis/ffmpeg's streamFrames once that settles.
import { execFileSync, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export interface DecodeFramesOptions {
  path: string;
  /** Output width in px; height follows the display aspect ratio, rounded to even (like scale=W:-2). */
  width: number;
  /** Output frames per second (constant rate grid: frames are duplicated or dropped as needed). */
  fps?: number;
  pixelFormat?: "rgb24" | "bgr24";
}

export interface DecodedTestFrame {
  index: number;
  /** Packed 3-byte pixels in the requested order. */
  data: Uint8Array;
  width: number;
  height: number;
}

const compositorDir = dirname(
  createRequire(import.meta.url).resolve("@remotion/compositor-linux-x64-gnu/package.json"),
);
const env = {
  ...process.env,
  LD_LIBRARY_PATH: [compositorDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(":"),
};

/** Display size of the first video stream. */
export function probeVideoSize(path: string): { width: number; height: number } {
  const text = execFileSync(
    join(compositorDir, "ffprobe"),
    ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", path],
    { env, encoding: "utf8" },
  );
  const [width, height] = text.trim().split(",").map(Number);
  if (!width || !height) throw new Error(`ffprobe found no video size in ${path}: ${text}`);
  return { width, height };
}

export async function* decodeFrames(options: DecodeFramesOptions): AsyncGenerator<DecodedTestFrame> {
  const source = probeVideoSize(options.path);
  const width = options.width;
  const height = Math.max(2, Math.round((source.height * width) / source.width / 2) * 2);
  const pixelFormat = options.pixelFormat ?? "rgb24";
  const args = ["-nostdin", "-hide_banner", "-loglevel", "error", "-i", options.path];
  args.push("-vf", `scale=${width}:${height}`, "-fps_mode", "cfr", "-r", String(options.fps ?? 25));
  // This ffmpeg build has no rawvideo muxer; image2pipe with the rawvideo codec writes the same bytes.
  args.push("-pix_fmt", pixelFormat, "-c:v", "rawvideo", "-f", "image2pipe", "pipe:1");
  const child = spawn(join(compositorDir, "ffmpeg"), args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  const frameBytes = width * height * 3;
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  try {
    for await (const chunk of child.stdout) {
      pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
      while (pending.length >= frameBytes) {
        yield { index: index++, data: new Uint8Array(pending.subarray(0, frameBytes)), width, height };
        pending = pending.subarray(frameBytes);
      }
    }
    const code = await exited;
    if (code !== 0) throw new Error(`ffmpeg exited with ${code} decoding ${options.path}: ${stderr.trim()}`);
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }
}
