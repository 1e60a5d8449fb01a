// Window height inside a content region (a tile, or the picture between bars). Full-bleed wins over the framing's
// margins: the window shrinks to the largest one of its aspect inside the region as long as the face itself still
// fits (its width within `FACE_OVERFLOW` of the window's). Only a face too big for the region keeps the larger
// window, which the composition draws clipped to the region over a blurred copy of the region.
import type { FaceBox } from "./create-face-lookup";
import type { WindowGeometry } from "./create-window-geometry";

/** How much wider than the window a face may be and still be framed full-bleed (its sides are cut). */
export const FACE_OVERFLOW = 1.2;

export function fitWindowToRegion(input: {
  /** Window height the framing wants, source px. */
  height: number;
  /** The framed face (or the box around both faces of a two-shot), source px. */
  face: FaceBox;
  /** Geometry bounded by the region (unbounded geometry: the height is returned as is). */
  geometry: WindowGeometry;
  bounded: boolean;
}): number {
  const { height, face, geometry, bounded } = input;
  if (!bounded || height <= geometry.insideHeight) return height;
  const inside = geometry.insideHeight;
  const fits = face.height <= inside && face.width <= FACE_OVERFLOW * inside * geometry.aspect;
  return fits ? inside : height;
}
