// Voice activity of a soundtrack with Silero VAD (ONNX, through the one onnxruntime module): the probability that
// each 32 ms chunk carries speech, resampled to the analysis frames. Follows the reference wrapper: 512-sample
// chunks at 16 kHz, each fed with the previous chunk's last 64 samples as context, the recurrent state carried.
import { createSession, type DeviceRequest } from "../onnx-runtime/create-session";

export const VAD_SAMPLE_RATE = 16000;
const CHUNK_SAMPLES = 512;
const CONTEXT_SAMPLES = 64;
const STATE_SIZE = 2 * 1 * 128;

export interface ComputeVoiceActivityInput {
  /** Mono samples at 16 kHz on the int16 scale. */
  samples: Int16Array;
  /** Path of silero_vad_v6.onnx (verifiedModelPath). */
  modelPath: string;
  /** Samples per analysis frame (640 for 25 fps). */
  samplesPerFrame: number;
  /** Analysis frames wanted; frames past the audio get 0. */
  frameCount: number;
  device?: DeviceRequest;
}

/** Speech probability per analysis frame (0..1): the overlap-weighted mean of the 32 ms chunks it covers. */
export async function computeVoiceActivity(input: ComputeVoiceActivityInput): Promise<Float32Array> {
  const chunks = await chunkProbabilities(input);
  const out = new Float32Array(input.frameCount);
  for (let frame = 0; frame < input.frameCount; frame++) {
    const from = frame * input.samplesPerFrame;
    const to = Math.min(from + input.samplesPerFrame, chunks.length * CHUNK_SAMPLES);
    let weighted = 0;
    for (let c = Math.floor(from / CHUNK_SAMPLES); c * CHUNK_SAMPLES < to; c++) {
      const overlap = Math.min(to, (c + 1) * CHUNK_SAMPLES) - Math.max(from, c * CHUNK_SAMPLES);
      weighted += overlap * chunks[c]!;
    }
    out[frame] = to > from ? weighted / (to - from) : 0;
  }
  return out;
}

/**
 * Speech probability per 512-sample chunk (the last chunk zero-padded). The soundtrack is cut into streams of
 * SEGMENT_CHUNKS chunks that run side by side as one batch (one model call per chunk position instead of one per
 * chunk: ≈ 6× less CPU); each stream first runs over the WARMUP_CHUNKS chunks before it, whose outputs are dropped,
 * so its recurrent state has settled when its own chunks start.
 */
export async function chunkProbabilities(
  input: Pick<ComputeVoiceActivityInput, "samples" | "modelPath" | "device">,
): Promise<Float32Array> {
  const session = await createSession({ model: input.modelPath, device: input.device ?? "cpu", threads: 1 });
  try {
    const count = Math.ceil(input.samples.length / CHUNK_SAMPLES);
    const probabilities = new Float32Array(count);
    const streams = Math.ceil(count / SEGMENT_CHUNKS);
    for (let first = 0; first < streams; first += BATCH_STREAMS) {
      const batch = Math.min(BATCH_STREAMS, streams - first);
      await runStreams({ session, samples: input.samples, firstStream: first, batch, probabilities });
    }
    return probabilities;
  } finally {
    await session.release();
  }
}

/** Chunks per independently run stream (10.24 s) and chunks of audio before it that settle its state (1.02 s). */
const SEGMENT_CHUNKS = 320;
const WARMUP_CHUNKS = 32;
const BATCH_STREAMS = 32;

interface RunStreamsInput {
  session: Awaited<ReturnType<typeof createSession>>;
  samples: Int16Array;
  firstStream: number;
  batch: number;
  probabilities: Float32Array;
}

async function runStreams({ session, samples, firstStream, batch, probabilities }: RunStreamsInput) {
  const width = CONTEXT_SAMPLES + CHUNK_SAMPLES;
  const windows = new Float32Array(batch * width);
  let state = new Float32Array(batch * STATE_SIZE);
  const sr = new BigInt64Array([BigInt(VAD_SAMPLE_RATE)]);
  for (let step = -WARMUP_CHUNKS; step < SEGMENT_CHUNKS; step++) {
    let any = false;
    for (let b = 0; b < batch; b++) {
      const chunk = (firstStream + b) * SEGMENT_CHUNKS + step;
      const window = windows.subarray(b * width, (b + 1) * width);
      // The context is the previous window's tail; the new chunk follows it (silence before the start).
      window.copyWithin(0, CHUNK_SAMPLES);
      for (let i = 0; i < CHUNK_SAMPLES; i++) {
        const at = chunk * CHUNK_SAMPLES + i;
        window[CONTEXT_SAMPLES + i] = at >= 0 && at < samples.length ? samples[at]! / 32768 : 0;
      }
      if (chunk >= 0 && chunk * CHUNK_SAMPLES < samples.length) any = true;
    }
    if (!any) continue;
    const result = await session.run({
      input: { data: windows, dims: [batch, width] },
      state: { data: state, dims: [2, batch, 128] },
      sr: { data: sr, dims: [] },
    });
    state = Float32Array.from(result.stateN!.data);
    if (step < 0) continue;
    for (let b = 0; b < batch; b++) {
      const chunk = (firstStream + b) * SEGMENT_CHUNKS + step;
      if (chunk < probabilities.length) probabilities[chunk] = result.output!.data[b]!;
    }
  }
}
