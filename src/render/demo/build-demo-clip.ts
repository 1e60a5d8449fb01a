// The demo's two-speaker landscape clip, built from two talking-head clips with Remotion's bundled ffmpeg (which
// has no overlay/hstack filters): both are decoded to RGB tiles, composed side by side here, piped back as PNG
// frames and encoded with the audio switching sides. Two passes: the left guest speaks for the first clip length
// while the right guest's lips move muted, then the reverse (ground truth by construction). Cached by recipe.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { resolveBinaries, streamFrames } from "../../analysis/ffmpeg";
import { CancelledError, UserFacingError } from "../../errors";
import { withAtomicOutput } from "../../io/atomic-output";
import { sha256File } from "../../io/sha256-file";
import { encodePng } from "./encode-png";

export const DEMO_CLIP_FPS = 25;
const RECIPE_VERSION = 1;

export interface DemoClipLayout {
  width: number;
  height: number;
  tileSize: number;
  /** Top-left corners of the left and right tiles. */
  left: { x: number; y: number };
  right: { x: number; y: number };
  background: [number, number, number];
}

export const DEMO_CLIP_LAYOUT: DemoClipLayout = {
  width: 1280,
  height: 720,
  tileSize: 560,
  left: { x: 54, y: 80 },
  right: { x: 666, y: 80 },
  background: [32, 34, 40],
};

export interface BuildDemoClipInput {
  /** Talking heads for the left and right seats (square clips read best). */
  left: string;
  right: string;
  /** Folder for the cached result. */
  cacheDir: string;
  /** Seconds each guest speaks (default 5). */
  turnSeconds?: number;
  signal?: AbortSignal;
  onProgress?: (frame: number, totalFrames: number) => void;
}

export interface DemoClip {
  path: string;
  /** Seconds at which the right guest starts speaking. */
  switchSeconds: number;
  durationSeconds: number;
  layout: DemoClipLayout;
}

export async function buildDemoClip(input: BuildDemoClipInput): Promise<DemoClip> {
  const turn = input.turnSeconds ?? 5;
  const layout = DEMO_CLIP_LAYOUT;
  const turnFrames = Math.round(turn * DEMO_CLIP_FPS);
  const key = createHash("sha256")
    .update(
      JSON.stringify({
        v: RECIPE_VERSION,
        left: await sha256File(input.left),
        right: await sha256File(input.right),
        turn,
        layout,
      }),
    )
    .digest("hex")
    .slice(0, 16);
  const path = join(input.cacheDir, `demo-two-speakers-${key}.mp4`);
  const result = {
    path,
    switchSeconds: turnFrames / DEMO_CLIP_FPS,
    durationSeconds: (2 * turnFrames) / DEMO_CLIP_FPS,
    layout,
  };
  if (existsSync(path)) return result;
  await withAtomicOutput(path, (temp) => encodeDemoClip({ ...input, temp, turnFrames, layout }));
  return result;
}

async function encodeDemoClip(
  input: BuildDemoClipInput & { temp: string; turnFrames: number; layout: DemoClipLayout },
) {
  const { layout, turnFrames } = input;
  const turn = turnFrames / DEMO_CLIP_FPS;
  const { ffmpeg, env } = resolveBinaries();
  // Audio: the left clip's sound for the first turn, then the right clip's, each padded/cut to the turn.
  const audioChain = (i: number, label: string) =>
    `[${i}:a:0]aformat=sample_fmts=fltp:sample_rates=48000:channel_layouts=stereo,apad,atrim=0:${turn},asetpts=N/SR/TB[${label}]`;
  const args = [
    ...["-nostdin", "-hide_banner", "-loglevel", "error", "-y"],
    ...["-f", "image2pipe", "-framerate", String(DEMO_CLIP_FPS), "-c:v", "png", "-i", "pipe:0"],
    ...["-i", input.left, "-i", input.right],
    "-filter_complex",
    `${audioChain(1, "a1")};${audioChain(2, "a2")};[a1][a2]concat=n=2:v=0:a=1[a]`,
    ...[
      "-map",
      "0:v",
      "-map",
      "[a]",
      "-c:v",
      "libx264",
      "-preset",
      "veryfast",
      "-crf",
      "20",
      "-pix_fmt",
      "yuv420p",
    ],
    ...["-r", String(DEMO_CLIP_FPS), "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", input.temp],
  ];
  const child = spawn(ffmpeg, args, { env: { ...process.env, ...env }, stdio: ["pipe", "ignore", "pipe"] });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  input.signal?.addEventListener("abort", kill, { once: true });
  process.once("exit", kill);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<number | null>((resolve) => {
    child.once("close", (code) => resolve(code));
    child.once("error", (error) => {
      stderr += error.message;
      resolve(-1);
    });
  });
  const stdin = child.stdin!;
  stdin.on("error", () => undefined); // ffmpeg exiting early surfaces through its exit code
  const write = (data: Buffer) =>
    new Promise<void>((resolve) => (stdin.write(data) ? resolve() : stdin.once("drain", resolve)));

  const frame = new Uint8Array(layout.width * layout.height * 3);
  for (let i = 0; i < frame.length; i += 3) frame.set(layout.background, i);
  const tileSpec = { width: layout.tileSize, height: layout.tileSize, pixelFormat: "rgb24" as const };
  const paste = (tile: Uint8Array, at: { x: number; y: number }) => {
    const rowBytes = layout.tileSize * 3;
    for (let y = 0; y < layout.tileSize; y++) {
      frame.set(tile.subarray(y * rowBytes, (y + 1) * rowBytes), ((at.y + y) * layout.width + at.x) * 3);
    }
  };
  let written = 0;
  try {
    for (let pass = 0; pass < 2; pass++) {
      const streams = [input.left, input.right].map((file) =>
        streamFrames({
          input: file,
          fps: DEMO_CLIP_FPS,
          durationSeconds: turn,
          videoOutputs: [tileSpec],
          signal: input.signal,
        }),
      );
      const iterators = streams.map((s) => s[Symbol.asyncIterator]());
      try {
        for (let f = 0; f < turnFrames; f++) {
          const [a, b] = await Promise.all(iterators.map((it) => it.next()));
          // A clip shorter than the turn holds its last tile.
          if (!a!.done) paste(a!.value.planes[0]!, layout.left);
          if (!b!.done) paste(b!.value.planes[0]!, layout.right);
          await write(encodePng({ rgb: frame, width: layout.width, height: layout.height }));
          written++;
          input.onProgress?.(written, 2 * turnFrames);
          if (input.signal?.aborted) throw new CancelledError("demo interrupted");
        }
      } finally {
        for (const s of streams) s.kill();
      }
    }
    stdin.end();
    const code = await exited;
    if (code !== 0)
      throw new UserFacingError(
        `building the demo clip failed: ${stderr.trim().split("\n").at(-1) ?? `ffmpeg exit ${code}`}`,
      );
  } catch (error) {
    kill();
    if (input.signal?.aborted) throw new CancelledError("demo interrupted");
    throw error;
  } finally {
    input.signal?.removeEventListener("abort", kill);
    process.removeListener("exit", kill);
  }
}
