// YuNet post-processing as OpenCV ≥ 4.8 FaceDetectorYN does it (fixtures README §3): per-anchor decoding of the
// three stride heads, then OpenCV-style NMS. Arithmetic is rounded to float32 where OpenCV works in float, so
// scores, threshold ties and the int-truncated NMS rectangles come out the same. Pure.

export type Point = [x: number, y: number];

export interface Face {
  /** Top-left corner and size, in px of the image the coordinates refer to (source px once mapped back). */
  x: number;
  y: number;
  width: number;
  height: number;
  /** 0..1 */
  score: number;
  /** right eye, left eye, nose tip, right mouth corner, left mouth corner (the subject's right: image left). */
  landmarks: [Point, Point, Point, Point, Point];
}

export interface YunetTensor {
  data: Float32Array;
  dims: readonly number[];
}

export interface YunetThresholds {
  /** Candidates scoring below are dropped; default 0.6. */
  scoreThreshold?: number;
  /** A candidate is suppressed when its IoU with a kept face exceeds this; default 0.3. */
  nmsThreshold?: number;
  /** At most this many candidates (best first) enter NMS; default 5000. */
  topK?: number;
}

export interface PostprocessInput extends YunetThresholds {
  /** The 12 raw outputs by name: cls_8, obj_8, bbox_8, kps_8, and the same for 16 and 32. */
  outputs: Readonly<Record<string, YunetTensor>>;
  /** Blob size (input px, multiples of 32). */
  paddedWidth: number;
  paddedHeight: number;
}

const STRIDES = [8, 16, 32] as const;
const DEFAULT_SCORE_THRESHOLD = 0.6;
const DEFAULT_NMS_THRESHOLD = 0.3;
const DEFAULT_TOP_K = 5000;
const f32 = Math.fround;

/** Decoded faces in OpenCV's order and score, after NMS. */
export function postprocess(input: PostprocessInput): Face[] {
  return suppressOverlappingFaces(decodeYunetCandidates(input), input);
}

/** Every anchor whose score reaches the threshold, in anchor order (stride 8, 16, 32; row-major within each). */
export function decodeYunetCandidates(input: PostprocessInput): Face[] {
  const scoreThreshold = f32(input.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD);
  const faces: Face[] = [];
  for (const stride of STRIDES) {
    const cols = input.paddedWidth / stride;
    const rows = input.paddedHeight / stride;
    if (!Number.isInteger(cols) || !Number.isInteger(rows)) {
      throw new Error(`YuNet blob ${input.paddedWidth}x${input.paddedHeight} is not a multiple of ${stride}`);
    }
    const anchorCount = rows * cols;
    const cls = output(input.outputs, `cls_${stride}`, anchorCount, 1);
    const obj = output(input.outputs, `obj_${stride}`, anchorCount, 1);
    const bbox = output(input.outputs, `bbox_${stride}`, anchorCount, 4);
    const kps = output(input.outputs, `kps_${stride}`, anchorCount, 10);

    for (let row = 0; row < rows; row++) {
      for (let col = 0; col < cols; col++) {
        const anchor = row * cols + col;
        const score = f32(Math.sqrt(f32(clamp01(cls[anchor]!) * clamp01(obj[anchor]!))));
        if (score < scoreThreshold) continue;
        const b = anchor * 4;
        const centreX = f32(f32(col + bbox[b]!) * stride);
        const centreY = f32(f32(row + bbox[b + 1]!) * stride);
        const width = f32(f32(Math.exp(bbox[b + 2]!)) * stride);
        const height = f32(f32(Math.exp(bbox[b + 3]!)) * stride);
        const k = anchor * 10;
        const landmark = (n: number): Point => [
          f32(f32(kps[k + 2 * n]! + col) * stride),
          f32(f32(kps[k + 2 * n + 1]! + row) * stride),
        ];
        faces.push({
          x: f32(centreX - width / 2),
          y: f32(centreY - height / 2),
          width,
          height,
          score,
          landmarks: [landmark(0), landmark(1), landmark(2), landmark(3), landmark(4)],
        });
      }
    }
  }
  return faces;
}

/**
 * OpenCV dnn::NMSBoxes semantics on int-truncated rectangles: strict score threshold, stable descending sort,
 * top-k cut, then greedy keep while IoU ≤ nmsThreshold against every kept face. Fewer than 2 candidates pass
 * through untouched, as in FaceDetectorYN.
 */
export function suppressOverlappingFaces(
  candidates: readonly Face[],
  thresholds: YunetThresholds = {},
): Face[] {
  if (candidates.length < 2) return [...candidates];
  const scoreThreshold = f32(thresholds.scoreThreshold ?? DEFAULT_SCORE_THRESHOLD);
  const nmsThreshold = f32(thresholds.nmsThreshold ?? DEFAULT_NMS_THRESHOLD);
  const topK = thresholds.topK ?? DEFAULT_TOP_K;

  // C++ int() truncates toward zero.
  const rects = candidates.map((face) => ({
    x: Math.trunc(face.x),
    y: Math.trunc(face.y),
    width: Math.trunc(face.width),
    height: Math.trunc(face.height),
  }));
  let order = candidates
    .map((_, index) => index)
    .filter((index) => candidates[index]!.score > scoreThreshold);
  order.sort((a, b) => candidates[b]!.score - candidates[a]!.score); // Array#sort is stable: ties keep anchor order
  if (topK > 0 && topK < order.length) order = order.slice(0, topK);

  const kept: number[] = [];
  for (const index of order) {
    const a = rects[index]!;
    const keep = kept.every((keptIndex) => {
      const b = rects[keptIndex]!;
      const areaSum = a.width * a.height + b.width * b.height;
      // Two empty rects count as identical (overlap 1).
      if (areaSum <= 0) return 1 <= nmsThreshold;
      const interWidth = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
      const interHeight = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
      const inter = interWidth > 0 && interHeight > 0 ? interWidth * interHeight : 0;
      // OpenCV computes 1 - jaccard distance in double, then goes through float.
      const overlap = f32(1 - f32(1 - inter / (areaSum - inter)));
      return overlap <= nmsThreshold;
    });
    if (keep) kept.push(index);
  }
  return kept.map((index) => candidates[index]!);
}

function clamp01(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value;
}

function output(
  outputs: Readonly<Record<string, YunetTensor>>,
  name: string,
  anchorCount: number,
  width: number,
): Float32Array {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`YuNet output ${name} is missing`);
  if (tensor.data.length !== anchorCount * width) {
    throw new Error(
      `YuNet output ${name} has ${tensor.data.length} values, expected ${anchorCount}×${width}`,
    );
  }
  return tensor.data;
}
