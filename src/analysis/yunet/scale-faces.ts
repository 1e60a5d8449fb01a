// Maps faces found on a downscaled frame back to source px. Pure.
import type { Face, Point } from "./postprocess";

/** Source px per detector-input px: one factor, or per axis when the downscale rounded width and height apart. */
export type SourcePxPerInputPx = number | { x: number; y: number };

export function scaleFaces(faces: readonly Face[], sourcePxPerInputPx: SourcePxPerInputPx): Face[] {
  const sx = typeof sourcePxPerInputPx === "number" ? sourcePxPerInputPx : sourcePxPerInputPx.x;
  const sy = typeof sourcePxPerInputPx === "number" ? sourcePxPerInputPx : sourcePxPerInputPx.y;
  const point = ([x, y]: Point): Point => [x * sx, y * sy];
  return faces.map((face) => ({
    x: face.x * sx,
    y: face.y * sy,
    width: face.width * sx,
    height: face.height * sy,
    score: face.score,
    landmarks: [
      point(face.landmarks[0]),
      point(face.landmarks[1]),
      point(face.landmarks[2]),
      point(face.landmarks[3]),
      point(face.landmarks[4]),
    ],
  }));
}
