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
  const pixel = (x: number, y: number) => {
    // Inside the region but outside the frame is the reference's constant padding.
    if (x < 0 || y < 0 || x >= width || y >= height) return PAD_VALUE;
    return data[y * width + x]!;
  };
  const clampX = (x: number) => Math.min(Math.max(x, 0), regionWidth - 1);
  const clampY = (y: number) => Math.min(Math.max(y, 0), regionHeight - 1);
  for (let row = 0; row < CROP_SIZE; row++) {
    const sy = (row + offset + 0.5) * scaleY - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    const ya = top + clampY(y0);
    const yb = top + clampY(y0 + 1);
    for (let col = 0; col < CROP_SIZE; col++) {
      const sx = (col + offset + 0.5) * scaleX - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const xa = left + clampX(x0);
      const xb = left + clampX(x0 + 1);
      const value =
        (pixel(xa, ya) * (1 - fx) + pixel(xb, ya) * fx) * (1 - fy) +
        (pixel(xa, yb) * (1 - fx) + pixel(xb, yb) * fx) * fy;
      out[row * CROP_SIZE + col] = Math.round(value);
    }
  }
  return out;
}

/** OpenCV's exact uint8 BGR→grey: (3735·B + 19235·G + 9798·R + 16384) >> 15. */
export function bgrToGrey(bgr: Uint8Array, out = new Uint8Array(bgr.length / 3)): Uint8Array {
  for (let i = 0, j = 0; j < out.length; i += 3, j++) {
    out[j] = (3735 * bgr[i]! + 19235 * bgr[i + 1]! + 9798 * bgr[i + 2]! + 16384) >> 15;
  }
  return out;
}
