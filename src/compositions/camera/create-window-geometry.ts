// Crop-window arithmetic for one output aspect ratio over one source size (all in source px).
import type { CropWindow } from "./camera-types";

export interface WindowGeometry {
  /** Output width / height. */
  aspect: number;
  /** Height of the largest window of this aspect inside the source (zoom 1). */
  insideHeight: number;
  /** Height of the smallest window of this aspect that contains the whole source. */
  fitAllHeight: number;
  /** Window of the given height centred at (centerX, centerY). */
  windowAt(centerX: number, centerY: number, height: number): CropWindow;
  /** Moves a centre so a window of this height stays inside the source (or centred on it when larger). */
  clampCenter(centerX: number, centerY: number, height: number): { x: number; y: number };
  /** The whole source fitted (letterboxed) into the output. */
  fitAll(): CropWindow;
  /** The widest inside-source window, centred. */
  centered(): CropWindow;
}

export function createWindowGeometry(input: {
  sourceWidth: number;
  sourceHeight: number;
  /** Output (or panel) width / height. */
  aspect: number;
}): WindowGeometry {
  const { sourceWidth, sourceHeight, aspect } = input;
  const insideHeight = Math.min(sourceHeight, sourceWidth / aspect);
  const fitAllHeight = Math.max(sourceHeight, sourceWidth / aspect);
  const windowAt = (centerX: number, centerY: number, height: number): CropWindow => {
    const width = height * aspect;
    return { x: centerX - width / 2, y: centerY - height / 2, width, height, zoom: insideHeight / height };
  };
  const clampAxis = (center: number, size: number, limit: number) =>
    size >= limit ? limit / 2 : Math.min(Math.max(center, size / 2), limit - size / 2);
  return {
    aspect,
    insideHeight,
    fitAllHeight,
    windowAt,
    clampCenter: (centerX, centerY, height) => ({
      x: clampAxis(centerX, height * aspect, sourceWidth),
      y: clampAxis(centerY, height, sourceHeight),
    }),
    fitAll: () => windowAt(sourceWidth / 2, sourceHeight / 2, fitAllHeight),
    centered: () => windowAt(sourceWidth / 2, sourceHeight / 2, insideHeight),
  };
}
