// One decode of a source: several scaled video outputs (from one `split`) plus optional mono PCM audio, all
// from a single ffmpeg process, resampled to a constant analysis rate. Frames arrive as an async iterable;
// breaking out of the loop, an abort or an error kills ffmpeg.
import type { Readable } from "node:stream";
import { spawn } from "node:child_process";
import { resolveBinaries } from "./resolve-binaries";
import { CancelledError } from "../../errors";
import { MediaError, assertReadableFile, describeFfmpegFailure } from "./media-error";
import { wavPcm16 } from "./wav-pcm16";

export type PixelFormat = "rgb24" | "bgr24" | "gray";

export interface VideoOutputSpec {
  /** Output size in px (display orientation: ffmpeg applies the rotation metadata). */
  width: number;
  height: number;
  pixelFormat: PixelFormat;
}

export interface StreamFramesOptions {
  input: string;
  /** Output frame rate (frames per second) of the constant-rate grid. */
  fps: number;
  videoOutputs: VideoOutputSpec[];
  /** Also decode the first audio stream as mono s16 at this sample rate (Hz). */
  audioSampleRate?: number;
  /** Start and length in source seconds. */
  startSeconds?: number;
  durationSeconds?: number;
  signal?: AbortSignal;
}

export interface DecodedFrame {
  /** Index on the output grid; time = startSeconds + index / fps. */
  index: number;
  timeSeconds: number;
  /** One buffer per requested video output, in order. */
  planes: Uint8Array[];
}

export interface FrameStream extends AsyncIterable<DecodedFrame> {
  /** Resolves with all decoded audio once the stream ends (null when not requested). */
  readonly audio: Promise<Int16Array | null>;
  /** Stops decoding and kills ffmpeg. */
  kill(): void;
}

const BYTES_PER_PIXEL: Record<PixelFormat, number> = { rgb24: 3, bgr24: 3, gray: 1 };
const STDERR_TAIL_BYTES = 16_384;

export function streamFrames(options: StreamFramesOptions): FrameStream {
  assertReadableFile(options.input);
  if (options.videoOutputs.length === 0) throw new Error("streamFrames needs at least one video output");
  for (const output of options.videoOutputs) {
    if (output.width % 2 || output.height % 2 || output.width <= 0 || output.height <= 0) {
      throw new Error(`output size ${output.width}x${output.height} must be positive and even`);
    }
  }
  const { ffmpeg, env } = resolveBinaries();
  const outputs = options.videoOutputs;
  const firstFd = 3;
  const args = ["-nostdin", "-hide_banner", "-loglevel", "error"];
  // Input options, so the range applies to every output alike.
  if (options.startSeconds) args.push("-ss", String(options.startSeconds));
  if (options.durationSeconds !== undefined) args.push("-t", String(options.durationSeconds));
  args.push("-i", options.input);
  const labels = outputs.map((_, i) => `s${i}`);
  const chains = outputs.map(
    (o, i) => `[${labels[i]}]scale=${o.width}:${o.height}:flags=area,format=${o.pixelFormat}[o${i}]`,
  );
  args.push(
    "-filter_complex",
    `[0:v:0]split=${outputs.length}${labels.map((l) => `[${l}]`).join("")};${chains.join(";")}`,
  );
  outputs.forEach((o, i) => {
    args.push("-map", `[o${i}]`, "-fps_mode", "cfr", "-r", String(options.fps), "-pix_fmt", o.pixelFormat);
    // Remotion's ffmpeg build has no rawvideo muxer; image2pipe writes each raw packet (= one frame) as is.
    args.push("-c:v", "rawvideo", "-f", "image2pipe", `pipe:${firstFd + i}`);
  });
  const audioFd = firstFd + outputs.length;
  if (options.audioSampleRate) {
    args.push("-map", "0:a:0?", "-ac", "1", "-ar", String(options.audioSampleRate), "-c:a", "pcm_s16le");
    args.push("-f", "wav", `pipe:${audioFd}`);
  }
  const extraPipes = outputs.length + (options.audioSampleRate ? 1 : 0);
  const stdio = [
    "ignore",
    "ignore",
    "pipe",
    ...Array.from({ length: extraPipes }, () => "pipe" as const),
  ] as const;

  // Plain spawn, not execa: every extra pipe must be read by us alone, in paused mode, frame by frame.
  const child = spawn(ffmpeg, args, { env: { ...process.env, ...env }, stdio: [...stdio] });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    // Unread pipes would otherwise hold the 'close' event forever.
    for (const pipe of child.stdio.slice(3)) pipe?.destroy();
  };
  const onAbort = () => kill();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  // ffmpeg must never outlive us, whatever path the process takes to exit.
  process.once("exit", kill);

  let stderrTail = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderrTail = (stderrTail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
  });
  const exit = new Promise<{ exitCode: number | null }>((resolve) => {
    child.once("close", (exitCode) => resolve({ exitCode }));
    child.once("error", (error) => {
      stderrTail += `\n${error.message}`;
      resolve({ exitCode: -1 });
    });
  });

  const audio: Promise<Int16Array | null> = options.audioSampleRate
    ? collect(child.stdio[audioFd] as Readable).then((buffer) => (buffer.length ? wavPcm16(buffer) : null))
    : Promise.resolve(null);
  audio.catch(() => undefined);

  const frameBytes = outputs.map((o) => o.width * o.height * BYTES_PER_PIXEL[o.pixelFormat]);
  const readers = outputs.map((_, i) => new ExactReader(child.stdio[firstFd + i] as Readable));
  const start = options.startSeconds ?? 0;
  const maxFrames =
    options.durationSeconds !== undefined
      ? Math.max(1, Math.round(options.durationSeconds * options.fps))
      : undefined;

  async function* frames(): AsyncGenerator<DecodedFrame> {
    let index = 0;
    try {
      for (;;) {
        const planes: Uint8Array[] = [];
        for (let i = 0; i < readers.length; i++) {
          const plane = await readers[i]!.read(frameBytes[i]!);
          if (!plane) break;
          planes.push(plane);
        }
        if (planes.length < readers.length) break;
        // The range is [start, start + duration): ffmpeg's constant-rate output may pad a frame or two past it.
        if (maxFrames !== undefined && index >= maxFrames) break;
        yield { index, timeSeconds: start + index / options.fps, planes };
        index++;
      }
      if (maxFrames !== undefined && index >= maxFrames) return;
      const result = await exit;
      if (options.signal?.aborted) throw new CancelledError(`decoding ${options.input} was interrupted`);
      if (result.exitCode !== 0) throw new MediaError(describeFfmpegFailure(options.input, stderrTail));
    } finally {
      options.signal?.removeEventListener("abort", onAbort);
      kill();
      await exit;
      process.off("exit", kill);
    }
  }

  return {
    audio,
    kill,
    [Symbol.asyncIterator]: frames,
  };
}

/** Reads exactly n bytes at a time from a stream, or null at the end (a partial last frame is dropped). */
class ExactReader {
  private ended = false;
  constructor(private readonly stream: Readable) {
    stream.on("end", () => (this.ended = true));
    stream.on("error", () => (this.ended = true));
  }

  read(size: number): Promise<Uint8Array | null> {
    return new Promise((resolve) => {
      const attempt = (): boolean => {
        const chunk = this.stream.read(size) as Buffer | null;
        if (chunk) {
          if (chunk.length < size) {
            cleanup();
            resolve(null);
            return true;
          }
          cleanup();
          resolve(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length));
          return true;
        }
        if (this.ended || this.stream.readableEnded || this.stream.destroyed) {
          cleanup();
          resolve(null);
          return true;
        }
        return false;
      };
      const onReadable = () => void attempt();
      const onEnd = () => {
        this.ended = true;
        void attempt();
      };
      const cleanup = () => {
        this.stream.off("readable", onReadable);
        this.stream.off("end", onEnd);
        this.stream.off("close", onEnd);
      };
      if (attempt()) return;
      this.stream.on("readable", onReadable);
      this.stream.on("end", onEnd);
      this.stream.on("close", onEnd);
    });
  }
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
