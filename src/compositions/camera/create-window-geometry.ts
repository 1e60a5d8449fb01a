// Crop-window arithmetic for one output aspect ratio over one source size (all in source px). With `bounds` (a
// content region: the picture without bars, or one tile of a grid), windows are placed and sized inside it
// instead of the whole source; zoom stays relative to the whole source.
import type { CropWindow } from "./camera-types";

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowGeometry {
  /** Output width / height. */
  aspect: number;
  /** Height of the largest window of this aspect inside the bounds (the source without bounds). */
  insideHeight: number;
  /** Height of the smallest window of this aspect that contains the whole bounds. */
  fitAllHeight: number;
  /** The rectangle windows stay inside: `bounds`, or the whole source. */
  bounds: WindowBounds;
  /** Window of the given height centred at (centerX, centerY). */
  windowAt(centerX: number, centerY: number, height: number): CropWindow;
  /** Moves a centre so a window of this height stays inside the bounds (or centred on them when larger). */
  clampCenter(centerX: number, centerY: number, height: number): { x: number; y: number };
  /** The whole bounds fitted (letterboxed) into the output. */
  fitAll(): CropWindow;
  /** The widest inside-bounds window, centred. */
  centered(): CropWindow;
}

export function createWindowGeometry(input: {
  sourceWidth: number;
  sourceHeight: number;
  /** Output (or panel) width / height. */
  aspect: number;
  /** Content region windows must stay inside, source px (default: the whole source). */
  bounds?: WindowBounds | null;
}): WindowGeometry {
  const { sourceWidth, sourceHeight, aspect } = input;
  const bounds = input.bounds ?? { x: 0, y: 0, width: sourceWidth, height: sourceHeight };
  const sourceInsideHeight = Math.min(sourceHeight, sourceWidth / aspect);
  const insideHeight = Math.min(bounds.height, bounds.width / aspect);
  const fitAllHeight = Math.max(bounds.height, bounds.width / aspect);
  const windowAt = (centerX: number, centerY: number, height: number): CropWindow => {
    const width = height * aspect;
    return {
      x: centerX - width / 2,
      y: centerY - height / 2,
      width,
      height,
      zoom: sourceInsideHeight / height,
    };
  };
  const clampAxis = (center: number, size: number, start: number, limit: number) =>
    size >= limit
      ? start + limit / 2
      : Math.min(Math.max(center, start + size / 2), start + limit - size / 2);
  const middleX = bounds.x + bounds.width / 2;
  const middleY = bounds.y + bounds.height / 2;
  return {
    aspect,
    insideHeight,
    fitAllHeight,
    bounds,
    windowAt,
    clampCenter: (centerX, centerY, height) => ({
      x: clampAxis(centerX, height * aspect, bounds.x, bounds.width),
      y: clampAxis(centerY, height, bounds.y, bounds.height),
    }),
    fitAll: () => windowAt(middleX, middleY, fitAllHeight),
    centered: () => windowAt(middleX, middleY, insideHeight),
  };
}
