// One decode of a source: several scaled video outputs (from one `split`) plus optional mono PCM audio, all
// from a single ffmpeg process, resampled to a constant analysis rate. Frames arrive as an async iterable;
// breaking out of the loop, an abort or an error kills ffmpeg.
//
// ffmpeg is spawned and its pipes are drained by a worker thread, not by the caller's thread: the analysis runs
// onnxruntime synchronously on its own thread for 10–20 ms at a time, and a pipe left unread for that long fills
// (64 KiB) and stalls ffmpeg, so decoding and inference took turns instead of overlapping. The worker cuts each
// pipe into frames and hands them over without copying (transferred ArrayBuffers), up to a read-ahead bound.
import { Worker } from "node:worker_threads";
import { resolveBinaries } from "./resolve-binaries";
import { fileInputUrl } from "./file-input-url";
import { CancelledError } from "../../errors";
import { MediaError, assertReadableFile, describeFfmpegFailure } from "./media-error";
import { decodeWavPcm16 } from "../audio/decode-wav-pcm16";
import { AUDIO_ON_TIMESTAMPS_FILTER } from "./read-audio";

export type PixelFormat = "rgb24" | "bgr24" | "gray";

export interface VideoOutputSpec {
  /** Output size in px (display orientation: ffmpeg applies the rotation metadata). */
  width: number;
  height: number;
  pixelFormat: PixelFormat;
  /**
   * Scale this output from an earlier output (its index) instead of from the decoded source: much cheaper for a
   * small output (swscale's cost follows the input size), at the price of resampling twice.
   */
  from?: number;
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
  /** Decoded bytes (all outputs) that may wait ahead of the consumer; default 32 MiB, at least 2 frames. */
  readAheadBytes?: number;
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
  /**
   * After the frames ended: true when ffmpeg read past the end of the file's data ("partial file"), i.e. the
   * file was cut short of what its index (moov atom) promises.
   */
  partialFile(): boolean;
}

const BYTES_PER_PIXEL: Record<PixelFormat, number> = { rgb24: 3, bgr24: 3, gray: 1 };
const STDERR_TAIL_BYTES = 16_384;
/**
 * Default read-ahead: 32 MiB, about 21 frames of the analysis outputs (480×270 BGR + 1280×720 grey + 256×144 RGB),
 * so ffmpeg can run ahead through a slow frame (face detection) instead of blocking on a full pipe.
 */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

export function streamFrames(options: StreamFramesOptions): FrameStream {
  assertReadableFile(options.input);
  if (options.videoOutputs.length === 0) throw new Error("streamFrames needs at least one video output");
  options.videoOutputs.forEach((output, i) => {
    if (output.width % 2 || output.height % 2 || output.width <= 0 || output.height <= 0) {
      throw new Error(`output size ${output.width}x${output.height} must be positive and even`);
    }
    if (
      output.from !== undefined &&
      !(Number.isInteger(output.from) && output.from >= 0 && output.from < i)
    ) {
      throw new Error(`output ${i} can only be scaled from an earlier output, not ${output.from}`);
    }
  });
  const { ffmpeg, env } = resolveBinaries();
  const outputs = options.videoOutputs;
  const firstFd = 3;
  const args = ["-nostdin", "-hide_banner", "-loglevel", "error"];
  // Input options, so the range applies to every output alike.
  if (options.startSeconds) args.push("-ss", String(options.startSeconds));
  if (options.durationSeconds !== undefined) args.push("-t", String(options.durationSeconds));
  args.push("-i", fileInputUrl(options.input));
  args.push("-filter_complex", filterGraph(outputs));
  outputs.forEach((o, i) => {
    args.push("-map", `[o${i}]`, "-fps_mode", "cfr", "-r", String(options.fps), "-pix_fmt", o.pixelFormat);
    // Remotion's ffmpeg build has no rawvideo muxer; image2pipe writes each raw packet (= one frame) as is.
    args.push("-c:v", "rawvideo", "-f", "image2pipe", `pipe:${firstFd + i}`);
  });
  const audioFd = firstFd + outputs.length;
  if (options.audioSampleRate) {
    args.push("-map", "0:a:0?", "-af", AUDIO_ON_TIMESTAMPS_FILTER);
    args.push("-ac", "1", "-ar", String(options.audioSampleRate), "-c:a", "pcm_s16le");
    args.push("-f", "wav", `pipe:${audioFd}`);
  }
  const frameBytes = outputs.map((o) => o.width * o.height * BYTES_PER_PIXEL[o.pixelFormat]);
  // Read-ahead: whole frames decoded ahead of the consumer, within READ_AHEAD_BYTES for all outputs together.
  const bytesPerFrame = frameBytes.reduce((sum, n) => sum + n, 0);
  const readAhead = Math.max(2, Math.floor((options.readAheadBytes ?? READ_AHEAD_BYTES) / bytesPerFrame));
  const workerData: PipeWorkerData = {
    ffmpeg,
    args,
    env: { ...process.env, ...env },
    frameBytes,
    audio: Boolean(options.audioSampleRate),
    readAhead,
  };
  // The source is CommonJS: drop an inherited --input-type=module (node -e callers), which would make it ESM.
  const execArgv = process.execArgv.filter(
    (arg, i, all) => !arg.startsWith("--input-type") && all[i - 1] !== "--input-type",
  );
  const worker = new Worker(PIPE_WORKER_SOURCE, { eval: true, workerData, execArgv });

  let pid: number | undefined;
  let stderrTail = "";
  let exited = false;
  let resolveExit!: (result: { exitCode: number | null }) => void;
  const exit = new Promise<{ exitCode: number | null }>((resolve) => (resolveExit = resolve));
  const finish = (exitCode: number | null) => {
    if (exited) return;
    exited = true;
    resolveExit({ exitCode });
    notify();
  };
  let resolveAudio!: (audio: Int16Array | null) => void;
  let rejectAudio!: (error: Error) => void;
  const audio = new Promise<Int16Array | null>((resolve, reject) => {
    resolveAudio = resolve;
    rejectAudio = reject;
  });
  audio.catch(() => undefined);
  if (!options.audioSampleRate) resolveAudio(null);

  const queue: Uint8Array[][] = [];
  let wake: (() => void) | null = null;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  worker.on("message", (message: PipeWorkerMessage) => {
    switch (message.type) {
      case "spawned":
        pid = message.pid;
        break;
      case "frame":
        queue.push(message.planes.map((plane) => new Uint8Array(plane)));
        notify();
        break;
      case "audio":
        try {
          resolveAudio(
            message.data && message.data.byteLength
              ? decodeWavPcm16(Buffer.from(message.data)).samples
              : null,
          );
        } catch (error) {
          rejectAudio(error as Error);
        }
        break;
      case "exit":
        stderrTail = message.stderrTail;
        finish(message.exitCode);
        break;
    }
  });
  worker.on("error", (error) => {
    stderrTail += `\n${error.message}`;
    finish(-1);
  });
  worker.on("exit", () => {
    // Only reached without an exit message when the worker itself failed.
    finish(-1);
    resolveAudio(null);
  });

  const kill = () => {
    if (!exited) worker.postMessage({ type: "kill" });
    killPid();
  };
  const killPid = () => {
    // The worker may be busy or gone: signal ffmpeg directly as well, whatever path the process takes to exit.
    if (pid !== undefined && !exited) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  const onAbort = () => kill();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  // ffmpeg must never outlive us.
  process.once("exit", killPid);

  const nextFrame = async (): Promise<Uint8Array[] | null> => {
    while (queue.length === 0) {
      if (exited) return null;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    if (!exited) worker.postMessage({ type: "ack" });
    return queue.shift()!;
  };
  const start = options.startSeconds ?? 0;
  const maxFrames =
    options.durationSeconds !== undefined
      ? Math.max(1, Math.round(options.durationSeconds * options.fps))
      : undefined;

  async function* frames(): AsyncGenerator<DecodedFrame> {
    let index = 0;
    try {
      for (;;) {
        const planes = await nextFrame();
        if (!planes) break;
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
      process.off("exit", killPid);
      await worker.terminate();
    }
  }

  return {
    audio,
    kill,
    partialFile: () => /partial file|stream ends prematurely/i.test(stderrTail),
    [Symbol.asyncIterator]: frames,
  };
}

/**
 * `[0:v:0]` split into the outputs scaled from the source; an output that others are scaled from is split again
 * after its own scale (output labels [o0], [o1], …).
 */
function filterGraph(outputs: readonly VideoOutputSpec[]): string {
  const inputOf = (i: number) => `s${i}`;
  const roots = outputs.flatMap((o, i) => (o.from === undefined ? [i] : []));
  const chains = [`[0:v:0]split=${roots.length}${roots.map((i) => `[${inputOf(i)}]`).join("")}`];
  outputs.forEach((o, i) => {
    const children = outputs.flatMap((c, j) => (c.from === i ? [j] : []));
    const scaled = `[${inputOf(i)}]scale=${o.width}:${o.height}:flags=area,format=${o.pixelFormat}`;
    chains.push(
      children.length === 0
        ? `${scaled}[o${i}]`
        : `${scaled},split=${children.length + 1}[o${i}]${children.map((j) => `[${inputOf(j)}]`).join("")}`,
    );
  });
  return chains.join(";");
}

interface PipeWorkerData {
  ffmpeg: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Bytes per frame of each video output (pipes 3, 4, …). */
  frameBytes: number[];
  /** A WAV audio output follows the video pipes. */
  audio: boolean;
  /** Most frames decoded ahead of the consumer (posted and not yet acknowledged). */
  readAhead: number;
}

type PipeWorkerMessage =
  | { type: "spawned"; pid: number }
  | { type: "frame"; planes: ArrayBuffer[] }
  | { type: "audio"; data: ArrayBuffer | null }
  | { type: "exit"; exitCode: number | null; stderrTail: string };

/**
 * The pipe reader, as plain CommonJS for an eval worker (no module resolution: it runs the same from src/ under
 * vite-node and from the bundle). Each video pipe is cut into frames of its own size; frame i goes out once every
 * output has it; a pipe is paused while it is `readAhead` frames ahead of the consumer (backpressure to ffmpeg).
 */
const PIPE_WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { spawn } = require("node:child_process");
const { ffmpeg, args, env, frameBytes, audio, readAhead } = workerData;
const outputs = frameBytes.length;
const stdio = ["ignore", "ignore", "pipe"];
for (let i = 0; i < outputs + (audio ? 1 : 0); i++) stdio.push("pipe");
let exited = false;
let stderrTail = "";
const post = (message, transfer) => { if (!exited || message.type === "exit") parentPort.postMessage(message, transfer); };
const child = spawn(ffmpeg, args, { env, stdio });
if (child.pid !== undefined) post({ type: "spawned", pid: child.pid });
child.stderr.on("data", (chunk) => { stderrTail = (stderrTail + chunk.toString()).slice(-${STDERR_TAIL_BYTES}); });
const pipes = frameBytes.map((_, i) => child.stdio[3 + i]);
const queues = frameBytes.map(() => []);
const current = frameBytes.map(() => null);
const filled = frameBytes.map(() => 0);
let inFlight = 0;
const updateFlow = () => {
  pipes.forEach((pipe, i) => {
    if (inFlight + queues[i].length >= readAhead) { if (!pipe.isPaused()) pipe.pause(); }
    else if (pipe.isPaused()) pipe.resume();
  });
};
const flush = () => {
  while (queues.every((q) => q.length > 0)) {
    const planes = queues.map((q) => q.shift());
    inFlight++;
    post({ type: "frame", planes }, planes);
  }
  updateFlow();
};
pipes.forEach((pipe, i) => {
  const size = frameBytes[i];
  pipe.on("data", (chunk) => {
    let offset = 0;
    while (offset < chunk.length) {
      // allocUnsafeSlow: never pooled (transferable), not zero-filled (every byte is written before it goes out).
      if (current[i] === null) { current[i] = Buffer.allocUnsafeSlow(size); filled[i] = 0; }
      const count = Math.min(size - filled[i], chunk.length - offset);
      current[i].set(chunk.subarray(offset, offset + count), filled[i]);
      filled[i] += count;
      offset += count;
      if (filled[i] === size) { queues[i].push(current[i].buffer); current[i] = null; }
    }
    flush();
  });
  pipe.on("error", () => {});
});
if (audio) {
  const chunks = [];
  const pipe = child.stdio[3 + outputs];
  pipe.on("data", (chunk) => chunks.push(chunk));
  pipe.on("error", () => {});
  pipe.on("end", () => {
    const all = Buffer.concat(chunks);
    const data = new Uint8Array(all.length);
    data.set(all);
    post({ type: "audio", data: data.buffer }, [data.buffer]);
  });
}
const done = (exitCode) => {
  if (exited) return;
  if (audio) post({ type: "audio", data: null });
  exited = true;
  post({ type: "exit", exitCode, stderrTail });
  parentPort.close();
};
child.once("close", (exitCode) => done(exitCode));
child.once("error", (error) => { stderrTail += "\\n" + error.message; done(-1); });
parentPort.on("message", (message) => {
  if (message.type === "ack") { inFlight--; updateFlow(); }
  else if (message.type === "kill") {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    // Unread pipes would otherwise hold the 'close' event forever.
    for (const pipe of child.stdio.slice(3)) if (pipe) pipe.destroy();
  }
});
`;
