// Window height (source px) that frames one face: sized from the face so the framing is the same for every speaker,
// bounded by the source and maxZoom, then grown if needed so the whole face keeps its margins even when zoomed by a tag.
import type { CameraOptions } from "./camera-types";
import type { FaceBox } from "./create-face-lookup";
import type { WindowGeometry } from "./create-window-geometry";

/** Margin between the face and the window edge, as a fraction of the window size. */
export const FACE_MARGIN_FRACTION = 0.05;

export function speakerWindowHeight(input: {
  /** Typical (median) face box of the speaker, source px. */
  face: FaceBox;
  geometry: WindowGeometry;
  options: Pick<CameraOptions, "faceHeightFraction" | "maxZoom" | "faceCenterFromTop">;
  /** Tag zoom factor on top of the automatic framing. */
  zoom: number;
}): number {
  const { face, geometry, options, zoom } = input;
  let height = face.height / options.faceHeightFraction;
  height = Math.min(height, geometry.insideHeight);
  height = Math.max(height, geometry.insideHeight / options.maxZoom);
  height /= zoom;
  // Face top at faceCenterFromTop*H - h/2 must stay below the top margin; face width needs both side margins.
  const headroom = Math.max(0.05, options.faceCenterFromTop - FACE_MARGIN_FRACTION);
  const minHeight = Math.max(
    face.height / (2 * headroom),
    (face.width * (1 + 4 * FACE_MARGIN_FRACTION)) / geometry.aspect,
  );
  return Math.max(height, minHeight);
}
