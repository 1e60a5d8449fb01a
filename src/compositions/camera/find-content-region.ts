// Which content region (the picture without bars, or one tile of a grid) a face belongs to, from the shot's
// regions in the timeline. Timelines without regions (older analyses, hand-made timelines) give null: the whole
// source is picture.
import type { TimelineRect, TimelineShot } from "../../timeline/timeline-schema";
import type { FaceBox } from "./create-face-lookup";

export interface FindContentRegionInput {
  shot: TimelineShot | undefined;
  /** The framed face (or null for framings without a face: then the box around all regions). */
  face: FaceBox | null;
  source: { width: number; height: number };
}

export function findContentRegion(input: FindContentRegionInput): TimelineRect | null {
  const regions = input.shot?.contentRegions;
  if (!regions || regions.length === 0) return null;
  const { face } = input;
  const region = face ? regionOfFace(regions, face) : boundingBox(regions);
  return covers(region, input.source) ? null : region;
}

/** The region holding the face's centre, else the one it overlaps most, else the nearest. */
function regionOfFace(regions: TimelineRect[], face: FaceBox): TimelineRect {
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const holding = regions.find((r) => cx >= r.x && cx < r.x + r.width && cy >= r.y && cy < r.y + r.height);
  if (holding) return holding;
  const distance = (r: TimelineRect) =>
    Math.hypot(Math.max(r.x - cx, 0, cx - r.x - r.width), Math.max(r.y - cy, 0, cy - r.y - r.height));
  return [...regions].sort((a, b) => distance(a) - distance(b))[0]!;
}

function boundingBox(regions: TimelineRect[]): TimelineRect {
  const x = Math.min(...regions.map((r) => r.x));
  const y = Math.min(...regions.map((r) => r.y));
  const right = Math.max(...regions.map((r) => r.x + r.width));
  const bottom = Math.max(...regions.map((r) => r.y + r.height));
  return { x, y, width: right - x, height: bottom - y };
}

/** A region that is the whole source needs no bounds (windows then behave as before regions existed). */
const covers = (r: TimelineRect, source: { width: number; height: number }) =>
  r.x <= 0 && r.y <= 0 && r.x + r.width >= source.width && r.y + r.height >= source.height;
