// A face cut out for the face descriptor: the 150×150 RGB chip face-api.js feeds its recognition net, placed like
// face-api's dlib alignment (FaceLandmarks.alignDlib: a square of side eye-to-mouth distance / 0.45 whose point
// (0.5, 0.43) is the centroid of both eye centres and the mouth centre), from YuNet's five landmarks, and rotated
// so the eyes are level (a similarity transform; face-api's box is axis-aligned, the same for upright faces).
// Samples bilinearly; outside the frame is black (face-api pads with zeros). Pure.
import { FACE_EMBEDDING_INPUT_PX } from "./build-face-embedding-graph";

const REL_X = 0.5;
const REL_Y = 0.43;
const REL_SCALE = 0.45;

export interface FrameImage {
  data: Uint8Array;
  width: number;
  height: number;
  /** Channel order of `data` (3 bytes per pixel). */
  order: "bgr" | "rgb";
}

export interface FaceChipGeometry {
  centreX: number;
  centreY: number;
  /** Side of the square in frame px. */
  size: number;
  /** Rotation of the eye line, radians. */
  angle: number;
}

/** Geometry of the chip from five landmarks, flat [x0,y0,…,x4,y4] (two eyes, nose, two mouth corners), frame px. */
export function faceChipGeometry(landmarks: readonly number[]): FaceChipGeometry {
  const p = (i: number) => ({ x: landmarks[2 * i]!, y: landmarks[2 * i + 1]! });
  const [a, b] = [p(0), p(1)];
  const [left, right] = a.x <= b.x ? [a, b] : [b, a];
  const mouth = { x: (p(3).x + p(4).x) / 2, y: (p(3).y + p(4).y) / 2 };
  const toMouth = (q: { x: number; y: number }) => Math.hypot(mouth.x - q.x, mouth.y - q.y);
  const size = (toMouth(left) + toMouth(right)) / 2 / REL_SCALE;
  const ref = { x: (left.x + right.x + mouth.x) / 3, y: (left.y + right.y + mouth.y) / 3 };
  return { centreX: ref.x, centreY: ref.y, size, angle: Math.atan2(right.y - left.y, right.x - left.x) };
}

/** The 150×150×3 RGB chip (uint8, row-major HWC). */
export function cutFaceChip(frame: FrameImage, geometry: FaceChipGeometry): Uint8Array {
  const n = FACE_EMBEDDING_INPUT_PX;
  const out = new Uint8Array(n * n * 3);
  const { centreX, centreY, size, angle } = geometry;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const step = size / n;
  const [r, g, b] = frame.order === "bgr" ? [2, 1, 0] : [0, 1, 2];
  const { data, width, height } = frame;
  for (let v = 0; v < n; v++) {
    const dy = (v + 0.5) * step - REL_Y * size;
    for (let u = 0; u < n; u++) {
      const dx = (u + 0.5) * step - REL_X * size;
      const sx = centreX + cos * dx - sin * dy - 0.5;
      const sy = centreY + sin * dx + cos * dy - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      const fx = sx - x0;
      const fy = sy - y0;
      const at = (v * n + u) * 3;
      const w00 = (1 - fx) * (1 - fy);
      const w01 = fx * (1 - fy);
      const w10 = (1 - fx) * fy;
      const w11 = fx * fy;
      const in0 = y0 >= 0 && y0 < height;
      const in1 = y0 + 1 >= 0 && y0 + 1 < height;
      const inL = x0 >= 0 && x0 < width;
      const inR = x0 + 1 >= 0 && x0 + 1 < width;
      const i00 = (y0 * width + x0) * 3;
      const i10 = i00 + width * 3;
      for (let k = 0; k < 3; k++) {
        const c = k === 0 ? r : k === 1 ? g : b;
        let sum = 0;
        if (in0 && inL) sum += w00 * data[i00 + c]!;
        if (in0 && inR) sum += w01 * data[i00 + 3 + c]!;
        if (in1 && inL) sum += w10 * data[i10 + c]!;
        if (in1 && inR) sum += w11 * data[i10 + 3 + c]!;
        out[at + k] = Math.round(sum);
      }
    }
  }
  return out;
}

/** Variance of the 4-neighbour Laplacian of the chip's green channel, every other pixel: higher = sharper. */
export function chipSharpness(chip: Uint8Array): number {
  const n = FACE_EMBEDDING_INPUT_PX;
  const row = n * 3;
  let sum = 0;
  let sum2 = 0;
  let count = 0;
  for (let y = 1; y < n - 1; y += 2)
    for (let x = 1; x < n - 1; x += 2) {
      const at = y * row + x * 3 + 1;
      const lap = chip[at - row]! + chip[at + row]! + chip[at - 3]! + chip[at + 3]! - 4 * chip[at]!;
      sum += lap;
      sum2 += lap * lap;
      count++;
    }
  const mean = sum / count;
  return sum2 / count - mean * mean;
}
