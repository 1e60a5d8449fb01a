// TalkNet's per-frame visual features (3-D stem + ResNet-18, the bulk of the model's cost) for every scoring
// chunk, computed once per track instead of once per chunking.
//
// Why this is exact: the only op of the frontend that looks across frames is the Conv3d stem (kernel 5 in time,
// zero padding 2 in normalised units); everything after it is per frame. So a frame's feature inside chunk
// [s, e) equals its whole-track feature unless it is within 2 frames of a chunk edge that is not a track edge.
// Those frames are recomputed from a 6-frame window: 2 zero frames + the 4 chunk frames next to the edge.
// Chunks shorter than 4 frames are computed whole, with their own zero padding.
import type { InferenceSession } from "../../onnx-runtime/create-session";
import {
  TALKNET_PIXEL_MEAN,
  TALKNET_PIXEL_STD,
  TALKNET_VIDEO_PADDED,
  TALKNET_VISUAL_FRONTEND,
} from "./add-talknet-visual-frontend";

const CROP_PX = 112 * 112;
const FEATURES = 512;
/** Half-width of the Conv3d stem's temporal kernel. */
const RADIUS = 2;

export interface TalknetFrameRange {
  /** First frame (inclusive). */
  start: number;
  /** End frame (exclusive). */
  end: number;
}

export interface ComputeTalknetFrontendOptions {
  /** The `frontend` part of splitTalknetModel: video_padded [B, T+4, 112, 112] → visual_frontend512 [B, T, 512]. */
  session: Pick<InferenceSession, "run">;
  /** Grey face crops, frames × 112 × 112. */
  crops: Uint8Array;
  /** Track length; every chunk lies in [0, frameCount). */
  frameCount: number;
  chunks: readonly TalknetFrameRange[];
  /** Frames per whole-track run (bounds memory: ~20 MB of activations per 100 frames); default 100. */
  windowFrames?: number;
  /** Most output frames per batched run of edge windows; default 64. */
  maxBatchFrames?: number;
}

/** Per chunk, its visual_frontend512 features [chunk length × 512], as a forward pass over the chunk alone. */
export async function computeTalknetFrontend(
  options: ComputeTalknetFrontendOptions,
): Promise<Float32Array[]> {
  const { session, crops, frameCount: length, chunks } = options;
  const windowFrames = options.windowFrames ?? 100;
  const maxBatchFrames = options.maxBatchFrames ?? 64;
  if (crops.length < length * CROP_PX)
    throw new Error(`crops hold ${crops.length / CROP_PX} frames, need ${length}`);
  const run = async (windows: FrontendWindow[]): Promise<Float32Array[]> => {
    const outFrames = windows[0]!.to - windows[0]!.from - 2 * RADIUS;
    const input = new Float32Array(windows.length * (outFrames + 2 * RADIUS) * CROP_PX);
    windows.forEach((w, b) => fillNormalized(input, b * (outFrames + 2 * RADIUS) * CROP_PX, crops, w));
    const out = await session.run(
      { [TALKNET_VIDEO_PADDED]: { data: input, dims: [windows.length, outFrames + 2 * RADIUS, 112, 112] } },
      [TALKNET_VISUAL_FRONTEND],
    );
    const data = out[TALKNET_VISUAL_FRONTEND]!.data;
    return windows.map((_, b) => data.slice(b * outFrames * FEATURES, (b + 1) * outFrames * FEATURES));
  };

  // Whole-track features: windows [a − 2, b + 2) with real neighbours, zeros only beyond the track.
  const needsContinuous = chunks.some((c) => c.end - c.start >= 2 * RADIUS);
  const continuous = new Float32Array(needsContinuous ? length * FEATURES : 0);
  for (let a = 0; needsContinuous && a < length; a += windowFrames) {
    const b = Math.min(length, a + windowFrames);
    const [features] = await run([{ from: a - RADIUS, to: b + RADIUS, realFrom: 0, realTo: length }]);
    continuous.set(features!, a * FEATURES);
  }

  // Edge windows (and short chunks), deduplicated: a left edge depends only on s, a right edge only on e.
  const windows = new Map<string, FrontendWindow>();
  for (const { start: s, end: e } of chunks) {
    if (e - s < 2 * RADIUS)
      windows.set(`c${s}:${e}`, { from: s - RADIUS, to: e + RADIUS, realFrom: s, realTo: e });
    else {
      if (s > 0) windows.set(`s${s}`, { from: s - RADIUS, to: s + 2 * RADIUS, realFrom: s, realTo: e });
      if (e < length) windows.set(`e${e}`, { from: e - 2 * RADIUS, to: e + RADIUS, realFrom: s, realTo: e });
    }
  }
  const computed = new Map<string, Float32Array>();
  const byLength = new Map<number, Array<[string, FrontendWindow]>>();
  for (const entry of windows) {
    const frames = entry[1].to - entry[1].from;
    byLength.set(frames, [...(byLength.get(frames) ?? []), entry]);
  }
  for (const [frames, group] of byLength) {
    const perRun = Math.max(1, Math.floor(maxBatchFrames / (frames - 2 * RADIUS)));
    for (let i = 0; i < group.length; i += perRun) {
      const batch = group.slice(i, i + perRun);
      const outputs = await run(batch.map(([, w]) => w));
      batch.forEach(([key], b) => computed.set(key, outputs[b]!));
    }
  }

  return chunks.map(({ start: s, end: e }) => {
    if (e - s < 2 * RADIUS) return computed.get(`c${s}:${e}`)!;
    const features = continuous.slice(s * FEATURES, e * FEATURES);
    if (s > 0) features.set(computed.get(`s${s}`)!, 0);
    if (e < length) features.set(computed.get(`e${e}`)!, (e - s - RADIUS) * FEATURES);
    return features;
  });
}

/** Input frames [from, to); frames outside [realFrom, realTo) are the stem's zero padding. */
interface FrontendWindow {
  from: number;
  to: number;
  realFrom: number;
  realTo: number;
}

/** (x / 255 − 0.4161) / 0.1688 in float32 for every uint8 value: the graph's own normalisation, as a table. */
const NORMALIZED = Float32Array.from({ length: 256 }, (_, x) => {
  const scaled = Math.fround(x / 255);
  return Math.fround(Math.fround(scaled - Math.fround(TALKNET_PIXEL_MEAN)) / Math.fround(TALKNET_PIXEL_STD));
});

function fillNormalized(
  target: Float32Array,
  offset: number,
  crops: Uint8Array,
  window: FrontendWindow,
): void {
  for (let t = window.from; t < window.to; t++, offset += CROP_PX) {
    if (t < window.realFrom || t >= window.realTo) continue;
    const frame = crops.subarray(t * CROP_PX, (t + 1) * CROP_PX);
    for (let i = 0; i < CROP_PX; i++) target[offset + i] = NORMALIZED[frame[i]!]!;
  }
}
