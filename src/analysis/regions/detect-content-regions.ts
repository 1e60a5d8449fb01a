// Content regions of one shot from its time-averaged frame: letterbox/pillarbox bars and the gaps of a tiled
// layout (video-call grids, split screens) are removed by recursive XY cuts. A line (row or column of a
// rectangle) is padding when it is one still colour along its whole length; a run of such lines is a bar or gap
// only when it meets the content beside it at a straight edge, so a plain wall above a head is not taken for a
// bar (its boundary with the content is the head's outline, not a line across the rectangle).
// Pure: pixels in, rectangles in frame px out.

export interface RegionRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DetectContentRegionsInput {
  /** Time-averaged frame, 3 channels packed, width * height * 3 values (0..255). */
  mean: Float32Array;
  /** Per-pixel temporal standard deviation of the luminance over the shot (0 for one frame). */
  temporalStd: Float32Array;
  width: number;
  height: number;
}

/** Largest channel difference (0..255) between a padding pixel and its line's colour. */
const COLOUR_TOLERANCE = 14;
/** Padding is still: its luminance varies less than this over the shot. */
const STILL_STD = 6;
/** Share of a line's pixels that must match its colour (compression noise, a stray logo pixel). */
const UNIFORM_SHARE = 0.96;
/** Share of the line beside a run that must differ from the run's colour for a straight edge. */
const EDGE_SHARE = 0.6;
/**
 * A weaker edge (picture whose own background matches the padding, e.g. a dark room in a black pillarbox) counts
 * when at least this share differs and a line further in differs hardly more: the picture starts at full width
 * right at the line. Round shapes rising into a plain area (a head below a wall) widen instead.
 */
const WEAK_EDGE_SHARE = 0.25;
const WEAK_EDGE_GROWTH = 1.35;
/** Lines between the one beside a run and the one further in that the weak-edge test compares it with. */
const WEAK_EDGE_DEPTH = 10;
/** Regions are inset by this many px on sides that are not the frame's edge (scaling blurs the seam). */
const INSET_PX = 2;
const MAX_DEPTH = 4;

interface Line {
  uniform: boolean;
  colour: [number, number, number];
}

export function detectContentRegions(input: DetectContentRegionsInput): RegionRect[] {
  const { width, height } = input;
  const minSize = {
    width: Math.max(8, Math.round(0.06 * width)),
    height: Math.max(8, Math.round(0.06 * height)),
  };
  const regions = cutRect(input, { x: 0, y: 0, width, height }, 0, minSize);
  return regions.map((r) => inset(r, width, height));
}

function inset(r: RegionRect, width: number, height: number): RegionRect {
  const left = r.x > 0 ? r.x + INSET_PX : 0;
  const top = r.y > 0 ? r.y + INSET_PX : 0;
  const right = r.x + r.width < width ? r.x + r.width - INSET_PX : width;
  const bottom = r.y + r.height < height ? r.y + r.height - INSET_PX : height;
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

function cutRect(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  depth: number,
  minSize: { width: number; height: number },
): RegionRect[] {
  const rows = spans(input, rect, "row");
  const cols = spans(input, rect, "column");
  if (rows === null || cols === null) return []; // all padding
  const cells: RegionRect[] = [];
  for (const [y0, y1] of rows)
    for (const [x0, x1] of cols) cells.push({ x: x0, y: y0, width: x1 - x0, height: y1 - y0 });
  const unchanged = cells.length === 1 && sameRect(cells[0]!, rect);
  if (unchanged || depth >= MAX_DEPTH) return cells.filter((c) => bigEnough(c, minSize));
  return cells
    .filter((c) => bigEnough(c, minSize))
    .flatMap((c) => cutRect(input, c, depth + 1, minSize))
    .filter((c) => bigEnough(c, minSize));
}

const sameRect = (a: RegionRect, b: RegionRect) =>
  a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
const bigEnough = (r: RegionRect, min: { width: number; height: number }) =>
  r.width >= min.width && r.height >= min.height;

/**
 * Content intervals [start, end) along y ("row": lines are rows) or x ("column") of `rect`, after removing bars
 * and gaps; null when every line is padding.
 */
function spans(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  kind: "row" | "column",
): [number, number][] | null {
  const start = kind === "row" ? rect.y : rect.x;
  const count = kind === "row" ? rect.height : rect.width;
  const lines: Line[] = [];
  for (let i = 0; i < count; i++) lines.push(measureLine(input, rect, kind, start + i));
  if (lines.every((l) => l.uniform)) return null;
  const padding = new Uint8Array(count);
  for (let i = 0; i < count; ) {
    if (!lines[i]!.uniform) {
      i++;
      continue;
    }
    // A run: consecutive padding lines of one colour.
    const colour = lines[i]!.colour;
    let end = i + 1;
    while (end < count && lines[end]!.uniform && closeColour(lines[end]!.colour, colour)) end++;
    const lineAt = (k: number) => start + Math.min(count - 1, Math.max(0, k));
    const edgeBefore =
      i === 0 || straightEdge(input, rect, kind, lineAt(i - 3), lineAt(i - 3 - WEAK_EDGE_DEPTH), colour);
    const edgeAfter =
      end === count ||
      straightEdge(input, rect, kind, lineAt(end + 2), lineAt(end + 2 + WEAK_EDGE_DEPTH), colour);
    const thick = end - i >= 2 || i === 0 || end === count;
    if (edgeBefore && edgeAfter && thick) padding.fill(1, i, end);
    i = end;
  }
  const out: [number, number][] = [];
  for (let i = 0; i < count; ) {
    if (padding[i]) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < count && !padding[end]) end++;
    out.push([start + i, start + end]);
    i = end;
  }
  return out.length > 0 ? out : null;
}

function pixelAt(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  kind: "row" | "column",
  line: number,
  k: number,
) {
  return kind === "row" ? line * input.width + rect.x + k : (rect.y + k) * input.width + line;
}

function measureLine(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  kind: "row" | "column",
  line: number,
): Line {
  const length = kind === "row" ? rect.width : rect.height;
  const channels = [0, 1, 2].map(() => new Float32Array(length));
  for (let k = 0; k < length; k++) {
    const p = pixelAt(input, rect, kind, line, k);
    for (let c = 0; c < 3; c++) channels[c]![k] = input.mean[3 * p + c]!;
  }
  const colour = channels.map((values) => median(values)) as [number, number, number];
  let matching = 0;
  for (let k = 0; k < length; k++) {
    const p = pixelAt(input, rect, kind, line, k);
    if (input.temporalStd[p]! > STILL_STD) continue;
    if (
      Math.abs(channels[0]![k]! - colour[0]) <= COLOUR_TOLERANCE &&
      Math.abs(channels[1]![k]! - colour[1]) <= COLOUR_TOLERANCE &&
      Math.abs(channels[2]![k]! - colour[2]) <= COLOUR_TOLERANCE
    )
      matching++;
  }
  return { uniform: matching >= UNIFORM_SHARE * length, colour };
}

/** Whether the padding meets the picture along a straight line at `line` (`further` is deeper in the picture). */
function straightEdge(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  kind: "row" | "column",
  line: number,
  further: number,
  colour: [number, number, number],
): boolean {
  const near = differingShare(input, rect, kind, line, colour);
  if (near >= EDGE_SHARE) return true;
  return (
    near >= WEAK_EDGE_SHARE && near * WEAK_EDGE_GROWTH >= differingShare(input, rect, kind, further, colour)
  );
}

/** Share of `line` whose colour differs from `colour`. */
function differingShare(
  input: DetectContentRegionsInput,
  rect: RegionRect,
  kind: "row" | "column",
  line: number,
  colour: [number, number, number],
): number {
  const length = kind === "row" ? rect.width : rect.height;
  let differing = 0;
  for (let k = 0; k < length; k++) {
    const p = pixelAt(input, rect, kind, line, k);
    const pixel: [number, number, number] = [
      input.mean[3 * p]!,
      input.mean[3 * p + 1]!,
      input.mean[3 * p + 2]!,
    ];
    if (!closeColour(pixel, colour)) differing++;
  }
  return differing / length;
}

const closeColour = (a: [number, number, number], b: [number, number, number]) =>
  Math.abs(a[0] - b[0]) <= COLOUR_TOLERANCE &&
  Math.abs(a[1] - b[1]) <= COLOUR_TOLERANCE &&
  Math.abs(a[2] - b[2]) <= COLOUR_TOLERANCE;

function median(values: Float32Array): number {
  const sorted = Float32Array.from(values).sort();
  return sorted[sorted.length >> 1] ?? 0;
}
