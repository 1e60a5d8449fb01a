// demoTalkNet.evaluate_network for one face track. TalkNet's procedure is the one score-track.ts implements for
// LR-ASD / Light-ASD (same durations {1..6} s as a set, same ⌈frames/25d⌉ chunks with a shorter last chunk, one
// forward pass per chunk, raw lossAV logit [:, 1] with no softmax, float32 mean, numpy.round to 0.1), and its
// length rule min((nA − nA mod 4)/100, nV/25) s, in frames min(⌊nA/4⌋, nV), is what scoreTrack already uses.
// What differs is the network: scoreTrack needs LR-ASD/Light-ASD sessions (an audio graph plus a backend over
// 128-d embeddings), TalkNet's backend needs its 512-d per-frame visual features and the audio in one graph.
// So this file has scoreTrack's shape, with TalkNet sessions: the heavy per-frame visual frontend runs once per
// track (computeTalknetFrontend; exact, its only temporal op is the Conv3d stem), and the whole-chunk head (V-TCN
// with global layer norm, SE audio encoder, attention: nothing there can be shared) runs per chunk.
import { ASD_CROP_SIZE_PX, ASD_MFCC_COEFFICIENTS, ASD_MFCC_PER_VIDEO_FRAME } from "../asd-model-kind";
import { scoredFrameCount, scoreOverDurations } from "../score-over-durations";
import { TALKNET_VISUAL_FRONTEND } from "./add-talknet-visual-frontend";
import { computeTalknetFrontend, type TalknetFrameRange } from "./compute-talknet-frontend";
import type { TalknetScoringSessions } from "./create-talknet-sessions";

const MFCC_PER_FRAME = ASD_MFCC_PER_VIDEO_FRAME;
const MFCC_COEFFICIENTS = ASD_MFCC_COEFFICIENTS;
const CROP = ASD_CROP_SIZE_PX;
const FRAME_PX = CROP * CROP;
const FRONTEND_FEATURES = 512;

export interface ScoreTalknetTrackOptions {
  sessions: TalknetScoringSessions;
  /** MFCC, frames × 13, 100 frames/s (python_speech_features layout), from the track's first frame. */
  mfcc: Float32Array;
  /** Grey face crops, frames × 112 × 112, 25 frames/s. */
  crops: Uint8Array;
  /** Crop frames to use (default: all in `crops`). */
  frameCount?: number;
  /** Default {1,2,3,4,5,6} s, the reference set. */
  durationsSeconds?: readonly number[];
  /**
   * "shared" (default): the visual frontend runs once per track plus the frames next to chunk edges.
   * "naive": one whole-graph batch-1 forward pass per chunk, literally as the reference (needs sessions.full).
   */
  strategy?: "shared" | "naive";
  /** Shared strategy: frames per whole-track frontend run (memory bound); default 100. */
  windowFrames?: number;
}

export interface ScoreTalknetTrackResult {
  /** Float32 mean over the durations of the raw speaking logits, one per scored frame (round with roundAsdScores). */
  scores: Float32Array;
  /** Raw logits per duration, rows in `durationsSeconds` order. */
  perDuration: Float32Array[];
  durationsSeconds: number[];
  /** Frames scored: min(crop frames, ⌊MFCC frames / 4⌋); with N frames and 4N−1 MFCC frames, N−1. */
  frameCount: number;
}

export async function scoreTalknetTrack(options: ScoreTalknetTrackOptions): Promise<ScoreTalknetTrackResult> {
  const { sessions, mfcc, crops } = options;
  const frameCount = scoredFrameCount(options);
  return scoreOverDurations({
    frameCount,
    durationsSeconds: options.durationsSeconds,
    chunkLogits: async (chunks) => ({
      logits:
        options.strategy === "naive"
          ? await naiveChunkLogits(sessions, mfcc, crops, chunks)
          : await sharedChunkLogits(sessions, mfcc, crops, frameCount, chunks, options),
    }),
  });
}

async function sharedChunkLogits(
  sessions: TalknetScoringSessions,
  mfcc: Float32Array,
  crops: Uint8Array,
  frameCount: number,
  chunks: TalknetFrameRange[],
  options: ScoreTalknetTrackOptions,
): Promise<Float32Array[]> {
  const frontend = await computeTalknetFrontend({
    session: sessions.frontend,
    crops,
    frameCount,
    chunks,
    ...(options.windowFrames ? { windowFrames: options.windowFrames } : {}),
  });
  // The head is batch-1 per chunk, as the reference: its statistics span the whole chunk anyway.
  const logits: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const { start, end } = chunks[i]!;
    const frames = end - start;
    const out = await sessions.head.run(
      {
        audio: { data: chunkMfcc(mfcc, chunks[i]!), dims: [1, frames * MFCC_PER_FRAME, MFCC_COEFFICIENTS] },
        [TALKNET_VISUAL_FRONTEND]: { data: frontend[i]!, dims: [1, frames, FRONTEND_FEATURES] },
      },
      ["logits"],
    );
    logits.push(checkedLogits(out.logits?.data, frames));
  }
  return logits;
}

async function naiveChunkLogits(
  sessions: TalknetScoringSessions,
  mfcc: Float32Array,
  crops: Uint8Array,
  chunks: TalknetFrameRange[],
): Promise<Float32Array[]> {
  const full = sessions.full;
  if (!full) throw new Error('strategy "naive" needs the full TalkNet session (includeFull)');
  const logits: Float32Array[] = [];
  for (const chunk of chunks) {
    const frames = chunk.end - chunk.start;
    const out = await full.run(
      {
        audio: { data: chunkMfcc(mfcc, chunk), dims: [1, frames * MFCC_PER_FRAME, MFCC_COEFFICIENTS] },
        video: {
          data: Float32Array.from(crops.subarray(chunk.start * FRAME_PX, chunk.end * FRAME_PX)),
          dims: [1, frames, CROP, CROP],
        },
      },
      ["logits"],
    );
    logits.push(checkedLogits(out.logits?.data, frames));
  }
  return logits;
}

/** MFCC rows [4·start, 4·end) of a chunk: exactly 4 per video frame, as the reference cuts them. */
function chunkMfcc(mfcc: Float32Array, chunk: TalknetFrameRange): Float32Array {
  const rowSize = MFCC_PER_FRAME * MFCC_COEFFICIENTS;
  return mfcc.subarray(chunk.start * rowSize, chunk.end * rowSize);
}

function checkedLogits(data: Float32Array | undefined, frames: number): Float32Array {
  if (!data || data.length !== frames) {
    throw new Error(`TalkNet returned ${data?.length ?? "no"} logits for a ${frames}-frame chunk`);
  }
  return data.slice();
}
