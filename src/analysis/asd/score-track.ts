// Scores one face track exactly like the reference evaluate_network (Columbia_test.py of LR-ASD / Light-ASD):
// for each duration d in {1..6} s the track is cut into d-second chunks, each chunk is one forward pass (its own
// zero padding, GRU state reset), and the per-frame raw logits are averaged over the durations in float32.
import type { InferenceSession } from "../onnx-runtime/create-session";
import {
  ASD_CROP_SIZE_PX,
  ASD_EMBED_SIZE,
  ASD_MFCC_COEFFICIENTS,
  ASD_MFCC_PER_VIDEO_FRAME,
  type AsdModelKind,
} from "./asd-model-kind";
import { asdArchitecture } from "./asd-architecture";
import { computeChunkAudioEmbeddings } from "./compute-chunk-audio-embeddings";
import { computeChunkVisualEmbeddings, type FrameRange } from "./compute-chunk-visual-embeddings";
import { scoredFrameCount, scoreOverDurations } from "./score-over-durations";
import { visualStageInfo } from "./visual-stage-info";

/** Open sessions for one built model (see buildAsdGraphs for what each graph does). */
export interface AsdScoringSessions {
  kind: AsdModelKind;
  audio: InferenceSession;
  backend: InferenceSession;
  visualStages: InferenceSession[];
  /** Mask-free variants of masked stages (null where a stage has no mask), for windows without padding. */
  visualStagesUnmasked?: Array<InferenceSession | null>;
  /** The whole model; needed only for strategy "naive". */
  full?: InferenceSession;
}

export interface ScoreTrackOptions {
  sessions: AsdScoringSessions;
  /** MFCC, frames × 13, 100 frames/s (python_speech_features layout). */
  mfcc: Float32Array;
  /** Grey face crops, frames × 112 × 112, 25 frames/s. */
  crops: Uint8Array;
  /** Crop frames to use (default: all in `crops`). */
  frameCount?: number;
  /** Default {1,2,3,4,5,6} s, the reference set. */
  durationsSeconds?: readonly number[];
  /**
   * "shared" (default): the visual encoder runs once over the track plus the frames next to chunk edges.
   * "naive": one full forward pass per chunk, as the reference does (for benchmarks and cross-checks).
   */
  strategy?: "shared" | "naive";
  /** Shared strategy: new frames per visual window (memory bound); default 150. */
  windowFrames?: number;
  /** Shared strategy: most frames per window in one stage run; default 50. */
  runFrames?: number;
  /**
   * Shared strategy: "exact" (default) reproduces the reference; "continuous" is a faster approximation that
   * skips recomputing the visual encoder's frames next to chunk edges (see computeChunkVisualEmbeddings; ≈ 28 %
   * less CPU, 1.4–1.6× faster; accuracy in bench/notes/approx-scoring.md).
   */
  visualEdges?: "exact" | "continuous";
  /** Naive strategy: most video frames in one batched forward pass; default 150. */
  maxBatchFrames?: number;
  /**
   * Also return the per-frame audio and visual embeddings of one continuous pass over the scored frames (the
   * sync head's input). Shared strategy only; costs a copy, since that pass is computed anyway.
   */
  embeddings?: boolean;
}

export interface ScoreTrackResult {
  /** Float32 mean over the durations of the raw speaking logits, one per scored frame (not rounded). */
  scores: Float32Array;
  /** Raw logits per duration, rows in `durationsSeconds` order. */
  perDuration: Float32Array[];
  durationsSeconds: number[];
  /**
   * Frames scored: min(crop frames, floor(MFCC frames / 4)) — the reference `length` rule. With N frames and
   * the usual 4N-1 MFCC frames that is N-1, as in the reference pipeline.
   */
  frameCount: number;
  /** With `embeddings`: frameCount × 128 each, from one continuous pass over the scored frames. */
  visualEmbeddings?: Float32Array;
  audioEmbeddings?: Float32Array;
}

const FRAME_PX = ASD_CROP_SIZE_PX * ASD_CROP_SIZE_PX;

export async function scoreTrack(options: ScoreTrackOptions): Promise<ScoreTrackResult> {
  const { sessions, mfcc, crops } = options;
  const frameCount = scoredFrameCount(options);
  const { extra, ...result } = await scoreOverDurations({
    frameCount,
    durationsSeconds: options.durationsSeconds,
    chunkLogits: async (chunks) =>
      options.strategy === "naive"
        ? { logits: await naiveChunkLogits(sessions, mfcc, crops, chunks, options.maxBatchFrames ?? 150) }
        : sharedChunkLogits(sessions, mfcc, crops, frameCount, chunks, options),
  });
  return { ...result, ...extra };
}

async function sharedChunkLogits(
  sessions: AsdScoringSessions,
  mfcc: Float32Array,
  crops: Uint8Array,
  frameCount: number,
  chunks: FrameRange[],
  options: ScoreTrackOptions,
): Promise<{
  logits: Float32Array[];
  extra?: { visualEmbeddings: Float32Array; audioEmbeddings: Float32Array };
}> {
  // The whole range as one more chunk yields the continuous pass's embeddings (the backend never sees it).
  const embedChunks = options.embeddings ? [...chunks, { start: 0, end: frameCount }] : chunks;
  const visual = await computeChunkVisualEmbeddings({
    stages: sessions.visualStages,
    ...(sessions.visualStagesUnmasked ? { unmaskedStages: sessions.visualStagesUnmasked } : {}),
    stageInfo: visualStageInfo(sessions.kind),
    crops,
    frameCount,
    chunks: embedChunks,
    ...(options.windowFrames ? { windowFrames: options.windowFrames } : {}),
    ...(options.runFrames ? { runFrames: options.runFrames } : {}),
    ...(options.visualEdges ? { edges: options.visualEdges } : {}),
  });
  const audio = await computeChunkAudioEmbeddings({
    session: sessions.audio,
    mfcc,
    frameCount,
    chunks: embedChunks,
    radiusFrames: asdArchitecture(sessions.kind).audioEdgeRadiusFrames,
  });
  // The backend (GRUs) is cheap: one batched run per group of equal-length chunks.
  const logits: Float32Array[] = new Array<Float32Array>(chunks.length);
  for (const group of groupIndicesByLength(chunks)) {
    const frames = chunks[group[0]!]!.end - chunks[group[0]!]!.start;
    const audioBatch = new Float32Array(group.length * frames * ASD_EMBED_SIZE);
    const visualBatch = new Float32Array(group.length * frames * ASD_EMBED_SIZE);
    group.forEach((i, b) => {
      audioBatch.set(audio[i]!, b * frames * ASD_EMBED_SIZE);
      visualBatch.set(visual[i]!, b * frames * ASD_EMBED_SIZE);
    });
    const dims = [group.length, frames, ASD_EMBED_SIZE];
    const out = await sessions.backend.run(
      { audio_embed: { data: audioBatch, dims }, visual_embed: { data: visualBatch, dims } },
      ["logits"],
    );
    group.forEach((i, b) => (logits[i] = out.logits!.data.slice(b * frames, (b + 1) * frames)));
  }
  if (!options.embeddings) return { logits };
  return {
    logits,
    extra: { visualEmbeddings: visual[chunks.length]!, audioEmbeddings: audio[chunks.length]! },
  };
}

async function naiveChunkLogits(
  sessions: AsdScoringSessions,
  mfcc: Float32Array,
  crops: Uint8Array,
  chunks: FrameRange[],
  maxBatchFrames: number,
): Promise<Float32Array[]> {
  const full = sessions.full;
  if (!full) throw new Error('strategy "naive" needs the full model session');
  const logits: Float32Array[] = new Array<Float32Array>(chunks.length);
  for (const sameLength of groupIndicesByLength(chunks)) {
    const frames = chunks[sameLength[0]!]!.end - chunks[sameLength[0]!]!.start;
    const perRun = Math.max(1, Math.floor(maxBatchFrames / frames));
    for (let from = 0; from < sameLength.length; from += perRun) {
      const group = sameLength.slice(from, from + perRun);
      const video = new Float32Array(group.length * frames * FRAME_PX);
      group.forEach((i, b) => {
        const source = crops.subarray(chunks[i]!.start * FRAME_PX, chunks[i]!.end * FRAME_PX);
        for (let j = 0; j < source.length; j++) video[b * frames * FRAME_PX + j] = source[j]!;
      });
      const out = await full.run(
        {
          audio: {
            data: gatherMfcc(
              mfcc,
              group.map((i) => chunks[i]!),
            ),
            dims: [group.length, frames * 4, ASD_MFCC_COEFFICIENTS],
          },
          video: { data: video, dims: [group.length, frames, ASD_CROP_SIZE_PX, ASD_CROP_SIZE_PX] },
        },
        ["logits"],
      );
      group.forEach((i, b) => (logits[i] = out.logits!.data.slice(b * frames, (b + 1) * frames)));
    }
  }
  return logits;
}

/** MFCC rows [4·start, 4·end) of each chunk, batched. */
function gatherMfcc(mfcc: Float32Array, chunks: FrameRange[]): Float32Array {
  const rowsPerChunk = (chunks[0]!.end - chunks[0]!.start) * ASD_MFCC_PER_VIDEO_FRAME * ASD_MFCC_COEFFICIENTS;
  const out = new Float32Array(chunks.length * rowsPerChunk);
  chunks.forEach((chunk, b) => {
    const from = chunk.start * ASD_MFCC_PER_VIDEO_FRAME * ASD_MFCC_COEFFICIENTS;
    out.set(mfcc.subarray(from, from + rowsPerChunk), b * rowsPerChunk);
  });
  return out;
}

function groupIndicesByLength(chunks: FrameRange[]): number[][] {
  const groups = new Map<number, number[]>();
  chunks.forEach((chunk, i) => {
    const frames = chunk.end - chunk.start;
    groups.set(frames, [...(groups.get(frames) ?? []), i]);
  });
  return [...groups.values()];
}
