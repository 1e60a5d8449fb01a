// Visual embeddings for every scoring chunk, with the work shared between chunkings.
//
// Why this is exact: spatial ops never look across frames, and a temporal conv with zero padding at a chunk
// edge differs from the same conv over the whole track only at the r frames next to that edge, where r is the
// summed radius of the temporal convs so far. So, for a chunk [s, e) of length >= 2R (R = the encoder's total
// temporal radius):
//   - frames at least R from both edges equal the whole-track ("continuous") embedding;
//   - the R frames after s depend only on s (the chunk's zero padding on the left, continuous data on the right),
//     likewise the R frames before e. They are recomputed stage by stage: stage k computes only the r_{k+1}
//     frames that differ, from the previous stage's edge frames, continuous activations and zero padding.
// The continuous pass runs stage by stage over bounded windows and keeps each stage's halo for the next window,
// so every frame goes through each stage once and memory stays bounded on long tracks.
import type { InferenceSession, TensorInput } from "../onnx-runtime/create-session";
import { ASD_CROP_SIZE_PX } from "./asd-model-kind";
import { stageLayouts, type TimeLayout, type VisualStageInfo } from "./visual-stage-info";

export interface FrameRange {
  /** First frame (inclusive). */
  start: number;
  /** End frame (exclusive). */
  end: number;
}

export interface ComputeChunkVisualEmbeddingsOptions {
  stages: readonly InferenceSession[];
  /** For stages with a mask input: a variant without it, used for batches that hold no padding frames. */
  unmaskedStages?: ReadonlyArray<InferenceSession | null | undefined>;
  stageInfo: readonly VisualStageInfo[];
  /** Grey face crops, frames × 112 × 112 (at least frameCount frames). */
  crops: Uint8Array;
  /** Track length in frames; every chunk lies in [0, frameCount). */
  frameCount: number;
  /** The chunks that need embeddings (each is scored as one reference forward pass). */
  chunks: readonly FrameRange[];
  /** New frames per continuous window (bounds memory); default 150. */
  windowFrames?: number;
  /** Most output frames per piece in one stage run (longer ranges are split and batched); default 50. */
  runFrames?: number;
  /**
   * "exact" (default): the R frames next to each chunk edge are recomputed with the chunk's own zero padding.
   * "continuous": an approximation that skips that work and gives every chunk the whole-track embedding (as if
   * each chunk saw its neighbours instead of zeros); about a third less visual-encoder work.
   */
  edges?: "exact" | "continuous";
}

/** Returns, per chunk, its visual embedding [chunk length × 128], as a forward pass over that chunk alone gives. */
export async function computeChunkVisualEmbeddings(
  options: ComputeChunkVisualEmbeddingsOptions,
): Promise<Float32Array[]> {
  const { stages, stageInfo: info, crops, frameCount: length, chunks } = options;
  const windowFrames = options.windowFrames ?? 150;
  const runFrames = options.runFrames ?? 50;
  const stageCount = info.length;
  const embedLayout = stageLayouts(info[stageCount - 1]!).outputLayouts[0]!;
  const embedSize = embedLayout.plane;
  const frameSizePx = ASD_CROP_SIZE_PX * ASD_CROP_SIZE_PX;
  if (crops.length < length * frameSizePx) throw new Error(`crops hold fewer than ${length} frames`);

  // r[k]: frames next to a chunk edge where X_k (stage k's input; X_0 = video) differs from the continuous pass.
  const p = info.map((stage) => stage.radius);
  const r = [0];
  for (let k = 0; k < stageCount; k++) r.push(r[k]! + p[k]!);
  const R = r[stageCount]!;
  // halo[k]: for window [a, e), X_k is kept on [a - halo, e + halo): enough for the next stage and the edges.
  const halo = new Array<number>(stageCount + 1).fill(0);
  for (let k = stageCount - 1; k >= 1; k--) halo[k] = Math.max(halo[k + 1]! + p[k]!, r[k]! + 2 * p[k]!);

  const runner = createStageRunner(stages, options.unmaskedStages ?? [], info, crops, length);
  const long = chunks.filter((c) => c.end - c.start >= 2 * R);
  const exactEdges = (options.edges ?? "exact") === "exact";
  const starts = exactEdges
    ? [...new Set(long.map((c) => c.start).filter((s) => s > 0))].sort((a, b) => a - b)
    : [];
  const ends = exactEdges
    ? [...new Set(long.map((c) => c.end).filter((e) => e < length))].sort((a, b) => a - b)
    : [];
  const continuous = new Float32Array(long.length > 0 ? length * embedSize : 0);
  const startEdges = new Map<number, Float32Array>();
  const endEdges = new Map<number, Float32Array>();

  if (long.length > 0) {
    const stores: FrameStore[] = Array.from({ length: stageCount + 1 }, () => createFrameStore());
    for (let a = 0; a < length; a += windowFrames) {
      const e = Math.min(length, a + windowFrames);
      await advanceContinuous(runner, stores, { a, e, halo, p, length, runFrames });
      stores[stageCount]!.copyTo(0, embedLayout, a, e - a, {
        data: continuous,
        window: 0,
        frames: length,
        offset: a,
      });
      const inWindow = (b: number) => b >= a && b < e;
      const edges = await computeEdges(
        runner,
        stores,
        starts.filter(inWindow),
        ends.filter(inWindow),
        r,
        length,
      );
      edges.starts.forEach((value, b) => startEdges.set(b, value));
      edges.ends.forEach((value, b) => endEdges.set(b, value));
    }
  }

  const direct = await computeShortChunks(
    runner,
    chunks.filter((c) => c.end - c.start < 2 * R),
    p,
  );
  return chunks.map((chunk) => {
    const frames = chunk.end - chunk.start;
    if (frames < 2 * R) return direct.get(rangeKey(chunk))!;
    const out = continuous.slice(chunk.start * embedSize, chunk.end * embedSize);
    if (!exactEdges) return out;
    if (chunk.start > 0) out.set(startEdges.get(chunk.start)!, 0);
    if (chunk.end < length) out.set(endEdges.get(chunk.end)!, (frames - R) * embedSize);
    return out;
  });
}

/**
 * Frames [start, start + count) of a stage's outputs: window `window` of a batched run, whose tensors are
 * [B, channels, count, plane] ("time" layout; the embedding is 1 channel of 128).
 */
interface FrameBlock {
  start: number;
  count: number;
  window: number;
  tensors: Float32Array[];
}

/** Where frames of one tensor go: window `window` of a [B, channels, frames, plane] array, from frame `offset`. */
interface FrameTarget {
  data: Float32Array;
  window: number;
  frames: number;
  offset: number;
}

/** A run of frames kept as the blocks the stage runs returned (never re-copied into one big array). */
interface FrameStore {
  /** End frame held (0 when empty). */
  readonly hi: number;
  append(block: FrameBlock): void;
  /** Drops blocks that end at or before `frame`. */
  dropBefore(frame: number): void;
  /** Copies frames [from, from + count) of tensor j (with the given layout) to target. */
  copyTo(j: number, layout: TimeLayout, from: number, count: number, target: FrameTarget): void;
}

function createFrameStore(initial: FrameBlock[] = []): FrameStore {
  let blocks = [...initial];
  return {
    get hi() {
      const last = blocks[blocks.length - 1];
      return last ? last.start + last.count : 0;
    },
    append(block) {
      if (block.count === 0) return;
      const last = blocks[blocks.length - 1];
      if (last && last.start + last.count !== block.start) throw new Error("internal: frame store gap");
      blocks.push(block);
    },
    dropBefore(frame) {
      blocks = blocks.filter((block) => block.start + block.count > frame);
    },
    copyTo(j, { channels, plane }, from, count, target) {
      let done = 0;
      for (const block of blocks) {
        const lo = Math.max(from + done, block.start);
        const hi = Math.min(from + count, block.start + block.count);
        if (hi <= lo || lo !== from + done) continue;
        const source = block.tensors[j]!;
        for (let c = 0; c < channels; c++) {
          const src = ((block.window * channels + c) * block.count + (lo - block.start)) * plane;
          const dst = ((target.window * channels + c) * target.frames + target.offset + done) * plane;
          target.data.set(source.subarray(src, src + (hi - lo) * plane), dst);
        }
        done += hi - lo;
      }
      if (done !== count) throw new Error(`internal: frames ${from}+${count} are not all held`);
    },
  };
}

/** Pieces of one stage-run window, in time order. */
type Segment =
  | { zeros: number }
  | { store: FrameStore; from: number; count: number }
  | { crops: number; count: number };

interface StageRunner {
  info: readonly VisualStageInfo[];
  /** Runs stage k on equal-length windows in one batch; returns each window's output block data. */
  run(k: number, windows: Segment[][]): Promise<{ tensors: Float32Array[]; frames: number }>;
}

function createStageRunner(
  stages: readonly InferenceSession[],
  unmasked: ReadonlyArray<InferenceSession | null | undefined>,
  info: readonly VisualStageInfo[],
  crops: Uint8Array,
  length: number,
): StageRunner {
  const frameSizePx = ASD_CROP_SIZE_PX * ASD_CROP_SIZE_PX;
  const buffers = createBufferPool(POOLED_INPUT_BYTES);
  return {
    info,
    async run(k, windows) {
      const stage = info[k]!;
      const layouts = stageLayouts(stage);
      const frames = windows[0]!.reduce((n, s) => n + ("zeros" in s ? s.zeros : s.count), 0);
      const batch = windows.length;
      const feeds: Record<string, TensorInput> = {};
      const taken: Float32Array[] = [];
      if (k === 0) {
        // The stem reads the crops (uint8, or float32 for frame-major stage graphs); its windows hold no padding.
        const video =
          layouts.videoElementType === "uint8"
            ? new Uint8Array(batch * frames * frameSizePx)
            : new Float32Array(batch * frames * frameSizePx);
        windows.forEach((segments, w) => {
          let offset = w * frames * frameSizePx;
          for (const segment of segments) {
            if (!("crops" in segment)) throw new Error("internal: stem window without crops");
            if (segment.crops < 0 || segment.crops + segment.count > length)
              throw new Error("internal: crop range");
            video.set(
              crops.subarray(segment.crops * frameSizePx, (segment.crops + segment.count) * frameSizePx),
              offset,
            );
            offset += segment.count * frameSizePx;
          }
        });
        feeds[stage.inputNames[0]!] = {
          data: video,
          dims: [batch, frames, ASD_CROP_SIZE_PX, ASD_CROP_SIZE_PX],
        };
      } else {
        layouts.inputLayouts.forEach((layout, j) => {
          // A trimmed input (narrower parallel branch) takes the window without `trim` frames at each end.
          const trim = stage.inputTrims?.[j] ?? 0;
          const inputFrames = frames - 2 * trim;
          const data = buffers.take(batch * layout.channels * inputFrames * layout.plane);
          taken.push(data);
          windows.forEach((segments, window) => {
            let position = 0;
            for (const segment of segments) {
              const count = "zeros" in segment ? segment.zeros : segment.count;
              const lo = Math.max(position, trim);
              const hi = Math.min(position + count, frames - trim);
              if (hi > lo && "store" in segment) {
                const target = { data, window, frames: inputFrames, offset: lo - trim };
                segment.store.copyTo(j, layout, segment.from + (lo - position), hi - lo, target);
              } else if (hi > lo && "zeros" in segment) {
                // Reused buffers hold old data: write the padding zeros explicitly.
                for (let c = 0; c < layout.channels; c++) {
                  const base = ((window * layout.channels + c) * inputFrames + (lo - trim)) * layout.plane;
                  data.fill(0, base, base + (hi - lo) * layout.plane);
                }
              } else if ("crops" in segment) throw new Error("internal: crops feed only the stem");
              position += count;
            }
          });
          const dims = layout.frameShape
            ? [batch, inputFrames, ...layout.frameShape]
            : [batch, layout.channels, inputFrames, layout.plane];
          feeds[stage.inputNames[j]!] = { data, dims };
        });
        const padded = windows.some((segments) => segments.some((segment) => "zeros" in segment));
        if (stage.needsMask && (padded || !unmasked[k])) {
          const mask = new Float32Array(batch * frames);
          windows.forEach((segments, w) => {
            let offset = w * frames;
            for (const segment of segments) {
              const count = "zeros" in segment ? segment.zeros : segment.count;
              if (!("zeros" in segment)) mask.fill(1, offset, offset + count);
              offset += count;
            }
          });
          feeds.mask = { data: mask, dims: [batch, frames] };
        }
      }
      const session = feeds.mask || !unmasked[k] ? stages[k]! : unmasked[k]!;
      const result = await session.run(feeds, stage.outputNames);
      for (const data of taken) buffers.give(data);
      return {
        tensors: stage.outputNames.map((name) => result[name]!.data),
        frames: frames - 2 * stage.radius,
      };
    },
  };
}

/** Input buffers kept for reuse across stage runs: fresh multi-MB arrays cost page faults and GC. */
const POOLED_INPUT_BYTES = 128 * 1024 * 1024;

interface BufferPool {
  take(length: number): Float32Array;
  give(buffer: Float32Array): void;
}

function createBufferPool(maxBytes: number): BufferPool {
  const free = new Map<number, Float32Array[]>();
  let pooledBytes = 0;
  return {
    take(length) {
      const buffer = free.get(length)?.pop();
      if (!buffer) return new Float32Array(length);
      pooledBytes -= buffer.byteLength;
      return buffer;
    },
    give(buffer) {
      if (pooledBytes + buffer.byteLength > maxBytes) return;
      free.set(buffer.length, [...(free.get(buffer.length) ?? []), buffer]);
      pooledBytes += buffer.byteLength;
    },
  };
}

/** Pieces covering frames [from, to) of a stage input, zeros outside the track. */
function rangeSegments(source: FrameStore | "crops", from: number, to: number, length: number): Segment[] {
  const segments: Segment[] = [];
  if (from < 0) segments.push({ zeros: Math.min(to, 0) - from });
  const lo = Math.max(from, 0);
  const hi = Math.min(to, length);
  if (hi > lo)
    segments.push(
      source === "crops" ? { crops: lo, count: hi - lo } : { store: source, from: lo, count: hi - lo },
    );
  if (to > length) segments.push({ zeros: to - Math.max(from, length) });
  return segments;
}

interface ContinuousWindow {
  a: number;
  e: number;
  halo: number[];
  p: number[];
  length: number;
  runFrames: number;
}

/** Extends every stage's continuous store to cover window [a, e) plus halos, computing only frames not held yet. */
async function advanceContinuous(
  runner: StageRunner,
  stores: FrameStore[],
  window: ContinuousWindow,
): Promise<void> {
  const { a, e, halo, p, length, runFrames } = window;
  for (let k = 1; k < stores.length; k++) {
    const store = stores[k]!;
    const lo = Math.max(0, a - halo[k]!);
    const hi = Math.min(length, e + halo[k]!);
    store.dropBefore(lo);
    const from = Math.max(store.hi, lo);
    // Stage k-1 turns X_{k-1} on [x - p, y + p) into X_k on [x, y); long ranges are split and batched.
    const radius = p[k - 1]!;
    const source: FrameStore | "crops" = k === 1 ? "crops" : stores[k - 1]!;
    const pieces: FrameRange[] = [];
    for (let x = from; x < hi; x += runFrames) pieces.push({ start: x, end: Math.min(hi, x + runFrames) });
    const blocks: FrameBlock[] = [];
    for (const group of groupByLength(pieces)) {
      const windows = group.map((piece) =>
        rangeSegments(source, piece.start - radius, piece.end + radius, length),
      );
      const { tensors, frames } = await runner.run(k - 1, windows);
      group.forEach((piece, window) => blocks.push({ start: piece.start, count: frames, window, tensors }));
    }
    blocks.sort((x, y) => x.start - y.start).forEach((block) => store.append(block));
  }
}

/**
 * Recomputes the frames next to chunk edges stage by stage. For a chunk starting at b, stage k's window is
 * [p zeros | edge frames of X_k (r_k of them) | continuous X_k up to b + r_{k+1} + p]; mirrored for a chunk
 * ending at b. All sides go through each stage in one batch. Returns the R edge frames of the embedding.
 */
async function computeEdges(
  runner: StageRunner,
  stores: FrameStore[],
  starts: number[],
  ends: number[],
  r: number[],
  length: number,
): Promise<{ starts: Map<number, Float32Array>; ends: Map<number, Float32Array> }> {
  const result = { starts: new Map<number, Float32Array>(), ends: new Map<number, Float32Array>() };
  if (starts.length === 0 && ends.length === 0) return result;
  const stageCount = runner.info.length;
  let startFrames: FrameStore[] = starts.map(() => createFrameStore());
  let endFrames: FrameStore[] = ends.map(() => createFrameStore());
  for (let k = 1; k < stageCount; k++) {
    const continuous = stores[k]!;
    const radius = runner.info[k]!.radius;
    const edge = r[k]!;
    const windows: Segment[][] = [
      ...starts.map((b, i): Segment[] => [
        { zeros: radius },
        ...(edge > 0 ? [{ store: startFrames[i]!, from: b, count: edge }] : []),
        ...rangeSegments(continuous, b + edge, b + r[k + 1]! + radius, length),
      ]),
      ...ends.map((b, i): Segment[] => [
        ...rangeSegments(continuous, b - r[k + 1]! - radius, b - edge, length),
        ...(edge > 0 ? [{ store: endFrames[i]!, from: b - edge, count: edge }] : []),
        { zeros: radius },
      ]),
    ];
    const { tensors, frames: count } = await runner.run(k, windows);
    startFrames = starts.map((b, window) => createFrameStore([{ start: b, count, window, tensors }]));
    endFrames = ends.map((b, i) =>
      createFrameStore([{ start: b - count, count, window: starts.length + i, tensors }]),
    );
  }
  const embed = stageLayouts(runner.info[stageCount - 1]!).outputLayouts[0]!;
  const extract = (store: FrameStore, from: number) => {
    const data = new Float32Array(r[stageCount]! * embed.plane);
    store.copyTo(0, embed, from, r[stageCount]!, { data, window: 0, frames: r[stageCount]!, offset: 0 });
    return data;
  };
  starts.forEach((b, i) => result.starts.set(b, extract(startFrames[i]!, b)));
  ends.forEach((b, i) => result.ends.set(b, extract(endFrames[i]!, b - r[stageCount]!)));
  return result;
}

/** Chunks shorter than 2R have no continuous middle: run them through every stage with their own zero padding. */
async function computeShortChunks(
  runner: StageRunner,
  chunks: readonly FrameRange[],
  p: number[],
): Promise<Map<string, Float32Array>> {
  const results = new Map<string, Float32Array>();
  const unique = [...new Map(chunks.map((c) => [rangeKey(c), c])).values()];
  for (const group of groupByLength(unique)) {
    let current: FrameStore[] = [];
    for (let k = 0; k < runner.info.length; k++) {
      const radius = p[k]!;
      const windows: Segment[][] = group.map((chunk, i) =>
        k === 0
          ? [{ crops: chunk.start, count: chunk.end - chunk.start }]
          : [
              { zeros: radius },
              { store: current[i]!, from: chunk.start, count: chunk.end - chunk.start },
              { zeros: radius },
            ],
      );
      const { tensors, frames } = await runner.run(k, windows);
      current = group.map((chunk, window) =>
        createFrameStore([{ start: chunk.start, count: frames, window, tensors }]),
      );
    }
    const embed = stageLayouts(runner.info[runner.info.length - 1]!).outputLayouts[0]!;
    group.forEach((chunk, i) => {
      const frames = chunk.end - chunk.start;
      const data = new Float32Array(frames * embed.plane);
      current[i]!.copyTo(0, embed, chunk.start, frames, { data, window: 0, frames, offset: 0 });
      results.set(rangeKey(chunk), data);
    });
  }
  return results;
}

function groupByLength(ranges: readonly FrameRange[]): FrameRange[][] {
  const groups = new Map<number, FrameRange[]>();
  for (const range of ranges) {
    const frames = range.end - range.start;
    groups.set(frames, [...(groups.get(frames) ?? []), range]);
  }
  return [...groups.values()];
}

function rangeKey(range: FrameRange): string {
  return `${range.start}:${range.end}`;
}
