// Audio embeddings for every scoring chunk, sharing work between chunkings like the visual side: the audio
// encoder's output for a frame depends on the chunking only within `radius` frames of a chunk edge. Chunk
// edges sit on video-frame boundaries (multiples of 4 MFCC rows), so the stride-2 pools stay aligned with a
// pass over the whole track. The encoder is cheap, so edges are simply recomputed on 2·radius-frame windows.
import type { InferenceSession } from "../onnx-runtime/create-session";
import { ASD_EMBED_SIZE, ASD_MFCC_COEFFICIENTS, ASD_MFCC_PER_VIDEO_FRAME } from "./asd-model-kind";
import type { FrameRange } from "./compute-chunk-visual-embeddings";

export interface ComputeChunkAudioEmbeddingsOptions {
  /** The audio graph: audio [B, 4T, 13] → audio_embed [B, T, 128]. */
  session: InferenceSession;
  /** MFCC rows × 13, at least 4·frameCount rows. */
  mfcc: Float32Array;
  frameCount: number;
  chunks: readonly FrameRange[];
  /** Frames next to a chunk edge that differ from the whole-track pass (AsdArchitecture.audioEdgeRadiusFrames). */
  radiusFrames: number;
  /** Frames per whole-track window (bounds memory); default 1500. */
  windowFrames?: number;
}

const ROW = ASD_MFCC_PER_VIDEO_FRAME * ASD_MFCC_COEFFICIENTS;

/** Returns, per chunk, its audio embedding [chunk length × 128], as a forward pass over that chunk alone gives. */
export async function computeChunkAudioEmbeddings(
  options: ComputeChunkAudioEmbeddingsOptions,
): Promise<Float32Array[]> {
  const { session, mfcc, frameCount: length, chunks, radiusFrames: radius } = options;
  const windowFrames = options.windowFrames ?? 1500;
  if (mfcc.length < length * ROW)
    throw new Error(`MFCC holds fewer than ${length * ASD_MFCC_PER_VIDEO_FRAME} rows`);
  /** Runs equal-length frame ranges as one batch; returns each range's embedding. */
  const run = async (ranges: FrameRange[]): Promise<Float32Array[]> => {
    const frames = ranges[0]!.end - ranges[0]!.start;
    const data = new Float32Array(ranges.length * frames * ROW);
    ranges.forEach((range, b) =>
      data.set(mfcc.subarray(range.start * ROW, range.end * ROW), b * frames * ROW),
    );
    const out = await session.run(
      { audio: { data, dims: [ranges.length, frames * ASD_MFCC_PER_VIDEO_FRAME, ASD_MFCC_COEFFICIENTS] } },
      ["audio_embed"],
    );
    const size = frames * ASD_EMBED_SIZE;
    return ranges.map((_, b) => out.audio_embed!.data.subarray(b * size, (b + 1) * size));
  };

  const long = chunks.filter((c) => c.end - c.start >= 2 * radius);
  const continuous = new Float32Array(long.length > 0 ? length * ASD_EMBED_SIZE : 0);
  if (long.length > 0) {
    // Whole-track pass in windows with a `radius` halo (a window's own edges only touch its halo).
    for (let a = 0; a < length; a += windowFrames) {
      const e = Math.min(length, a + windowFrames);
      const lo = Math.max(0, a - radius);
      const [embed] = await run([{ start: lo, end: Math.min(length, e + radius) }]);
      continuous.set(
        embed!.subarray((a - lo) * ASD_EMBED_SIZE, (e - lo) * ASD_EMBED_SIZE),
        a * ASD_EMBED_SIZE,
      );
    }
  }
  const starts = [...new Set(long.map((c) => c.start).filter((s) => s > 0))];
  const ends = [...new Set(long.map((c) => c.end).filter((e) => e < length))];
  const edgeWindows = [
    ...starts.map((b) => ({ start: b, end: b + 2 * radius })),
    ...ends.map((b) => ({ start: b - 2 * radius, end: b })),
  ];
  const edgeEmbeds = edgeWindows.length > 0 ? await run(edgeWindows) : [];
  const edgeSize = radius * ASD_EMBED_SIZE;
  const startEdges = new Map(starts.map((b, i) => [b, edgeEmbeds[i]!.subarray(0, edgeSize)]));
  const endEdges = new Map(ends.map((b, i) => [b, edgeEmbeds[starts.length + i]!.subarray(edgeSize)]));

  const short = new Map<string, Float32Array>();
  const shortChunks = chunks.filter((c) => c.end - c.start < 2 * radius);
  for (const frames of new Set(shortChunks.map((c) => c.end - c.start))) {
    const group = shortChunks.filter((c) => c.end - c.start === frames);
    (await run(group)).forEach((embed, i) => short.set(`${group[i]!.start}:${group[i]!.end}`, embed));
  }

  return chunks.map((chunk) => {
    const frames = chunk.end - chunk.start;
    if (frames < 2 * radius) return short.get(`${chunk.start}:${chunk.end}`)!;
    const out = continuous.slice(chunk.start * ASD_EMBED_SIZE, chunk.end * ASD_EMBED_SIZE);
    if (chunk.start > 0) out.set(startEdges.get(chunk.start)!, 0);
    if (chunk.end < length) out.set(endEdges.get(chunk.end)!, (frames - radius) * ASD_EMBED_SIZE);
    return out;
  });
}
