// Samples the 112×112 model input for one face from a grey frame, as the reference pipeline's crop → resize to
// 224² (bilinear, pixel-centre aligned) → centre 112² would, without materialising the 224² image.
import { CROP_SCALE, type CropCentre } from "./crop-geometry";

export const CROP_SIZE = 112;
const RESIZED = 224;
const PAD_VALUE = 110;

export interface GreyFrame {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * @param centre face centre and half-size in the grey frame's px
 * @param out optional output buffer of 112×112 bytes
 */
export function cropFace(
  frame: GreyFrame,
  centre: CropCentre,
  out = new Uint8Array(CROP_SIZE * CROP_SIZE),
): Uint8Array {
  const s = centre.halfSize;
  const bsi = Math.trunc(s * (1 + 2 * CROP_SCALE));
  // Region in padded coordinates, truncated to integers as the reference's slicing does.
  const my = centre.y + bsi;
  const mx = centre.x + bsi;
  const top = Math.trunc(my - s) - bsi;
  const bottom = Math.trunc(my + s * (1 + 2 * CROP_SCALE)) - bsi;
  const left = Math.trunc(mx - s * (1 + CROP_SCALE)) - bsi;
  const right = Math.trunc(mx + s * (1 + CROP_SCALE)) - bsi;
  const regionWidth = Math.max(1, right - left);
  const regionHeight = Math.max(1, bottom - top);
  const scaleX = regionWidth / RESIZED;
  const scaleY = regionHeight / RESIZED;
  const offset = (RESIZED - CROP_SIZE) / 2;
  const { data, width, height } = frame;
  const clampX = (x: number) => Math.min(Math.max(x, 0), regionWidth - 1);
  const clampY = (y: number) => Math.min(Math.max(y, 0), regionHeight - 1);
  // Source columns and weights depend on the column only, rows on the row only: work them out once.
  const { xa, xb, fx, gx, ya, yb, fy } = sampleGrid();
  let inside = true;
  for (let col = 0; col < CROP_SIZE; col++) {
    const sx = (col + offset + 0.5) * scaleX - 0.5;
    const x0 = Math.floor(sx);
    fx[col] = sx - x0;
    gx[col] = 1 - fx[col]!;
    xa[col] = left + clampX(x0);
    xb[col] = left + clampX(x0 + 1);
    if (xa[col]! < 0 || xb[col]! < 0 || xa[col]! >= width || xb[col]! >= width) inside = false;
  }
  for (let row = 0; row < CROP_SIZE; row++) {
    const sy = (row + offset + 0.5) * scaleY - 0.5;
    const y0 = Math.floor(sy);
    fy[row] = sy - y0;
    ya[row] = top + clampY(y0);
    yb[row] = top + clampY(y0 + 1);
    if (ya[row]! < 0 || yb[row]! < 0 || ya[row]! >= height || yb[row]! >= height) inside = false;
  }
  // Inside the region but outside the frame is the reference's constant padding.
  const pixel = (x: number, y: number) =>
    x < 0 || y < 0 || x >= width || y >= height ? PAD_VALUE : data[y * width + x]!;
  // Same expression, in the same order, as a per-pixel bilinear sample: identical bytes.
  for (let row = 0; row < CROP_SIZE; row++) {
    const wy = fy[row]!;
    const vy = 1 - wy;
    const target = row * CROP_SIZE;
    if (inside) {
      const rowA = ya[row]! * width;
      const rowB = yb[row]! * width;
      for (let col = 0; col < CROP_SIZE; col++) {
        const wx = fx[col]!;
        const vx = gx[col]!;
        const a = xa[col]!;
        const b = xb[col]!;
        const value =
          (data[rowA + a]! * vx + data[rowA + b]! * wx) * vy +
          (data[rowB + a]! * vx + data[rowB + b]! * wx) * wy;
        out[target + col] = Math.round(value);
      }
    } else {
      const y0 = ya[row]!;
      const y1 = yb[row]!;
      for (let col = 0; col < CROP_SIZE; col++) {
        const wx = fx[col]!;
        const vx = gx[col]!;
        const a = xa[col]!;
        const b = xb[col]!;
        const value =
          (pixel(a, y0) * vx + pixel(b, y0) * wx) * vy + (pixel(a, y1) * vx + pixel(b, y1) * wx) * wy;
        out[target + col] = Math.round(value);
      }
    }
  }
  return out;
}

let grid:
  | {
      xa: Int32Array;
      xb: Int32Array;
      fx: Float64Array;
      gx: Float64Array;
      ya: Int32Array;
      yb: Int32Array;
      fy: Float64Array;
    }
  | undefined;

/** Scratch arrays for the sample grid (cropFace is synchronous, so one set serves every call). */
function sampleGrid() {
  grid ??= {
    xa: new Int32Array(CROP_SIZE),
    xb: new Int32Array(CROP_SIZE),
    fx: new Float64Array(CROP_SIZE),
    gx: new Float64Array(CROP_SIZE),
    ya: new Int32Array(CROP_SIZE),
    yb: new Int32Array(CROP_SIZE),
    fy: new Float64Array(CROP_SIZE),
  };
  return grid;
}

/** OpenCV's exact uint8 BGR→grey: (3735·B + 19235·G + 9798·R + 16384) >> 15. */
export function bgrToGrey(bgr: Uint8Array, out = new Uint8Array(bgr.length / 3)): Uint8Array {
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    out[j] = (3735 * bgr[i]! + 19235 * bgr[i + 1]! + 9798 * bgr[i + 2]! + 16384) >> 15;
  }
  return out;
}
