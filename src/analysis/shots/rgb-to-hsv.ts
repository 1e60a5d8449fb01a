// 8-bit RGB → HSV with OpenCV's uint8 conventions (COLOR_RGB2HSV): H in 0..179 (degrees / 2), S and V in 0..255,
// rounded to nearest. Planar output, one byte per pixel per channel. Pure.

export interface RgbFrame {
  /** Tightly packed 8-bit RGB rows (width·3 bytes per row). */
  rgb: Uint8Array;
  /** px */
  width: number;
  height: number;
}

export interface HsvPlanes {
  hue: Uint8Array;
  saturation: Uint8Array;
  value: Uint8Array;
}

// Reciprocals indexed by V (for S) and by max - min (for H), as OpenCV also tabulates them.
const SATURATION_SCALE = Float64Array.from({ length: 256 }, (_, v) => (v === 0 ? 0 : 255 / v));
const HUE_SCALE = Float64Array.from({ length: 256 }, (_, d) => (d === 0 ? 0 : 30 / d)); // 60° per sector, halved

export function rgbToHsv(frame: RgbFrame, reuse?: HsvPlanes): HsvPlanes {
  const { rgb, width, height } = frame;
  const pixelCount = width * height;
  if (rgb.length !== pixelCount * 3) {
    throw new Error(`expected ${pixelCount * 3} RGB bytes for ${width}x${height}, got ${rgb.length}`);
  }
  const planes =
    reuse && reuse.hue.length === pixelCount
      ? reuse
      : {
          hue: new Uint8Array(pixelCount),
          saturation: new Uint8Array(pixelCount),
          value: new Uint8Array(pixelCount),
        };
  const { hue, saturation, value } = planes;

  for (let i = 0, p = 0; i < pixelCount; i++, p += 3) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    const max = r > g ? (r > b ? r : b) : g > b ? g : b;
    const min = r < g ? (r < b ? r : b) : g < b ? g : b;
    const delta = max - min;
    value[i] = max;
    saturation[i] = Math.round(delta * SATURATION_SCALE[max]!);
    // Sector by which channel is the max, R first, then G: the same tie order as OpenCV.
    let h: number;
    if (max === r) h = (g - b) * HUE_SCALE[delta]!;
    else if (max === g) h = 60 + (b - r) * HUE_SCALE[delta]!;
    else h = 120 + (r - g) * HUE_SCALE[delta]!;
    let rounded = Math.round(h);
    if (rounded < 0) rounded += 180;
    hue[i] = rounded;
  }
  return planes;
}
