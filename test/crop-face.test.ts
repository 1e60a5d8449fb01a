// cropFace against a plain per-pixel form of the same sampling (the reference pipeline's crop → 224² bilinear
// resize → centre 112²): the precomputed sample grid must give identical bytes, inside the frame and in the
// grey padding around it.
import { describe, expect, it } from "vitest";
import { CROP_SCALE } from "../src/analysis/tracking/crop-geometry";
import { CROP_SIZE, cropFace, type GreyFrame } from "../src/analysis/tracking/crop-face";
import type { CropCentre } from "../src/analysis/tracking/crop-geometry";

function referenceCrop(frame: GreyFrame, centre: CropCentre): Uint8Array {
  const out = new Uint8Array(CROP_SIZE * CROP_SIZE);
  const s = centre.halfSize;
  const bsi = Math.trunc(s * (1 + 2 * CROP_SCALE));
  const my = centre.y + bsi;
  const mx = centre.x + bsi;
  const top = Math.trunc(my - s) - bsi;
  const bottom = Math.trunc(my + s * (1 + 2 * CROP_SCALE)) - bsi;
  const left = Math.trunc(mx - s * (1 + CROP_SCALE)) - bsi;
  const right = Math.trunc(mx + s * (1 + CROP_SCALE)) - bsi;
  const regionWidth = Math.max(1, right - left);
  const regionHeight = Math.max(1, bottom - top);
  const pixel = (x: number, y: number) =>
    x < 0 || y < 0 || x >= frame.width || y >= frame.height ? 110 : frame.data[y * frame.width + x]!;
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  for (let row = 0; row < CROP_SIZE; row++) {
    const sy = (row + 56 + 0.5) * (regionHeight / 224) - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    const ya = top + clamp(y0, regionHeight);
    const yb = top + clamp(y0 + 1, regionHeight);
    for (let col = 0; col < CROP_SIZE; col++) {
      const sx = (col + 56 + 0.5) * (regionWidth / 224) - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      const xa = left + clamp(x0, regionWidth);
      const xb = left + clamp(x0 + 1, regionWidth);
      const value =
        (pixel(xa, ya) * (1 - fx) + pixel(xb, ya) * fx) * (1 - fy) +
        (pixel(xa, yb) * (1 - fx) + pixel(xb, yb) * fx) * fy;
      out[row * CROP_SIZE + col] = Math.round(value);
    }
  }
  return out;
}

describe("cropFace", () => {
  it("matches the per-pixel sampling on 500 random crops, inside and across the frame edge", () => {
    let seed = 12345;
    const random = () => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed / 2 ** 32;
    };
    const frame = { data: new Uint8Array(320 * 180), width: 320, height: 180 };
    for (let i = 0; i < frame.data.length; i++) frame.data[i] = Math.floor(random() * 256);
    let mismatches = 0;
    for (let n = 0; n < 500; n++) {
      const centre = {
        x: random() * 400 - 40,
        y: random() * 240 - 30,
        halfSize: n % 25 === 0 ? random() * 2 : 4 + random() * 90,
      };
      const got = cropFace(frame, centre);
      const want = referenceCrop(frame, centre);
      for (let i = 0; i < got.length; i++) if (got[i] !== want[i]) mismatches++;
    }
    expect(mismatches).toBe(0);
  });
});
