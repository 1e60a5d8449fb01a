// TalkNet/Light-ASD face-crop geometry: per frame, centre (x, y) and half-size s = max(w, h) / 2, each
// median-smoothed over 13 frames; the crop spans rows [y - s, y + 1.8 s) and columns [x - 1.4 s, x + 1.4 s) of
// the frame padded with grey 110, is resized to 224², converted to grey and centre-cropped to 112².
import { interpolatedBox, trackSpan, type FaceTrack } from "./create-face-tracker";

export const CROP_MEDIAN_FRAMES = 13;
/** Extra context around the face, as a fraction of the half-size (TalkNet's cropScale). */
export const CROP_SCALE = 0.4;

export interface CropCentre {
  /** Face centre and half-size, source px. */
  x: number;
  y: number;
  halfSize: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[(sorted.length - 1) >> 1]! * 0.5 + sorted[sorted.length >> 1]! * 0.5;
}

/**
 * Smoothed crop centre at `frame`. The median window is truncated at the track's ends (the reference's
 * scipy medfilt pads with zeros there, which shrinks and shifts the first and last six crops; we do not copy that).
 * Needs detections up to frame + 6 unless the track is closed.
 */
export function cropCentreAt(track: FaceTrack, frame: number): CropCentre {
  const { startFrame, endFrame } = trackSpan(track);
  const half = CROP_MEDIAN_FRAMES >> 1;
  const xs: number[] = [];
  const ys: number[] = [];
  const ss: number[] = [];
  const hint = { index: 0 };
  for (let f = Math.max(startFrame, frame - half); f <= Math.min(endFrame, frame + half); f++) {
    const box = interpolatedBox(track, f, hint);
    xs.push(box.x + box.width / 2);
    ys.push(box.y + box.height / 2);
    ss.push(Math.max(box.width, box.height) / 2);
  }
  return { x: median(xs), y: median(ys), halfSize: median(ss) };
}

/** The last frame whose crop centre is final given the detections seen so far. */
export function lastFinalCropFrame(track: FaceTrack): number {
  const { endFrame } = trackSpan(track);
  return track.closed ? endFrame : endFrame - (CROP_MEDIAN_FRAMES >> 1);
}
