// Accumulates the frames of one shot (the analysis's detector frames, as decoded) into a time-averaged frame and
// a per-pixel luminance spread, then finds the shot's content regions in source px. Bars and gaps are still and
// flat for the whole shot; averaging makes the moving content around them stand out and costs one pass per frame.
import { detectContentRegions, type RegionRect } from "./detect-content-regions";

export interface ContentRegionDetectorInput {
  /** Size of the frames pushed, px (3 channels packed, any channel order). */
  width: number;
  height: number;
  /** Size of the source in source px, for the regions returned. */
  sourceWidth: number;
  sourceHeight: number;
}

export interface ContentRegionDetector {
  /** Adds one frame of the current shot. */
  push(pixels: Uint8Array): void;
  /** Regions of the frames pushed since the last take (source px, whole pixels), then starts a new shot. */
  take(): RegionRect[];
}

export function createContentRegionDetector(input: ContentRegionDetectorInput): ContentRegionDetector {
  const { width, height } = input;
  const pixels = width * height;
  // Integer sums (exact, and cheaper per frame than floats); the squares outgrow 32 bits after ~7,000 frames.
  const sum = new Uint32Array(pixels * 3);
  /** Per pixel: sum over frames of (channel sum), and of its square; luminance is channel sum / 3. */
  const lumaSum = new Uint32Array(pixels);
  const lumaSquares = new Float64Array(pixels);
  let frames = 0;
  const reset = () => {
    sum.fill(0);
    lumaSum.fill(0);
    lumaSquares.fill(0);
    frames = 0;
  };
  const scaleX = input.sourceWidth / width;
  const scaleY = input.sourceHeight / height;
  return {
    push(frame) {
      if (frame.length !== pixels * 3)
        throw new Error(`internal: region frame has ${frame.length} bytes, expected ${pixels * 3}`);
      for (let p = 0, i = 0; p < pixels; p++, i += 3) {
        const a = frame[i]!;
        const b = frame[i + 1]!;
        const c = frame[i + 2]!;
        sum[i]! += a;
        sum[i + 1]! += b;
        sum[i + 2]! += c;
        // Channel order does not matter for a spread: equal weights.
        const luma3 = a + b + c;
        lumaSum[p]! += luma3;
        lumaSquares[p]! += luma3 * luma3;
      }
      frames++;
    },
    take() {
      if (frames === 0) return [{ x: 0, y: 0, width: input.sourceWidth, height: input.sourceHeight }];
      const mean = new Float32Array(pixels * 3);
      for (let i = 0; i < mean.length; i++) mean[i] = sum[i]! / frames;
      const temporalStd = new Float32Array(pixels);
      for (let p = 0; p < pixels; p++) {
        const m = lumaSum[p]! / frames;
        temporalStd[p] = Math.sqrt(Math.max(0, lumaSquares[p]! / frames - m * m)) / 3;
      }
      reset();
      const regions = detectContentRegions({ mean, temporalStd, width, height });
      return regions.map((r) => toSource(r, scaleX, scaleY, input.sourceWidth, input.sourceHeight));
    },
  };
}

function toSource(
  r: RegionRect,
  sx: number,
  sy: number,
  sourceWidth: number,
  sourceHeight: number,
): RegionRect {
  const x0 = Math.max(0, Math.round(r.x * sx));
  const y0 = Math.max(0, Math.round(r.y * sy));
  const x1 = Math.min(sourceWidth, Math.round((r.x + r.width) * sx));
  const y1 = Math.min(sourceHeight, Math.round((r.y + r.height) * sy));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}
