// The camera path for one segment on the output frame grid: window size fixed per segment (so framing never
// breathes), centre following the face through followTarget, then a last clamp that keeps the face inside.
import type { CameraLayout, CameraOptions, CameraSegment, ContentBounds, CropWindow } from "./camera-types";
import {
  chooseTwoPersonLayout,
  wideWindowHeight,
  type ChooseTwoPersonLayoutResult,
} from "./choose-two-person-layout";
import type { FaceBox, FaceLookup } from "./create-face-lookup";
import { createWindowGeometry, type WindowGeometry } from "./create-window-geometry";
import { findContentRegion } from "./find-content-region";
import { fitWindowToRegion } from "./fit-window-to-region";
import { followTarget } from "./follow-target";
import { gaussianSmooth } from "./gaussian-smooth";
import { FACE_MARGIN_FRACTION, speakerWindowHeight } from "./speaker-window-height";

export interface PlanSegmentPathInput {
  segment: CameraSegment;
  lookup: FaceLookup;
  options: CameraOptions;
  source: { width: number; height: number };
  output: { width: number; height: number };
  /** Source seconds of each frame to plan (output fps grid, may extend past the segment for pans). */
  times: number[];
  fps: number;
}

export interface SegmentPath {
  layout: CameraLayout;
  windows: CropWindow[];
  /** Bottom-half windows for the split layout. */
  lowerWindows: CropWindow[] | null;
  trackIds: number[];
  /** Set for pair segments: the measured layout choice. */
  layoutChoice: ChooseTwoPersonLayoutResult | null;
  /** Content regions the windows stay inside (null: the whole source). */
  region: ContentBounds | null;
  lowerRegion: ContentBounds | null;
}

interface Follow {
  /** Face (or group) box per frame, source px. */
  boxes: FaceBox[];
  /** Typical box for sizing the deadzone. */
  reference: FaceBox;
  height: number;
  geometry: WindowGeometry;
  /** Face centre height in the window, fraction from the top. */
  centerFromTop: number;
}

function followBoxes(follow: Follow, options: CameraOptions, fps: number): CropWindow[] {
  const { boxes, reference, height, geometry, centerFromTop } = follow;
  const n = boxes.length;
  const width = height * geometry.aspect;
  const clampedTargets = boxes.map((box) =>
    geometry.clampCenter(
      box.x + box.width / 2,
      box.y + box.height / 2 + (0.5 - centerFromTop) * height,
      height,
    ),
  );
  // Deadzone no larger than the slack around the face, so holding still can never push the face out.
  const slackX = Math.max(0, (width - reference.width) / 2 - FACE_MARGIN_FRACTION * width);
  const slackY = Math.max(0, (centerFromTop - FACE_MARGIN_FRACTION) * height - reference.height / 2);
  const common = {
    fps,
    smoothingSeconds: options.smoothingSeconds,
    minMoveSeconds: options.minMoveSeconds,
    maxSpeed: options.maxSpeedWidthsPerSecond * width,
    maxAcceleration: options.maxAccelerationWidthsPerSecond2 * width,
  };
  const xs = followTarget({
    ...common,
    target: clampedTargets.map((c) => c.x),
    deadzone: Math.min(options.deadzoneFraction * width, slackX * 0.8),
  });
  const ys = followTarget({
    ...common,
    target: clampedTargets.map((c) => c.y),
    deadzone: Math.min(options.deadzoneFraction * height, slackY * 0.8),
  });
  // Safety: keep the (lightly smoothed) face inside with margins, then the window inside the source.
  const sigma = (options.smoothingSeconds * fps) / 2;
  const left = gaussianSmooth(
    boxes.map((b) => b.x),
    sigma,
  );
  const right = gaussianSmooth(
    boxes.map((b) => b.x + b.width),
    sigma,
  );
  const top = gaussianSmooth(
    boxes.map((b) => b.y),
    sigma,
  );
  const bottom = gaussianSmooth(
    boxes.map((b) => b.y + b.height),
    sigma,
  );
  const margin = FACE_MARGIN_FRACTION;
  const windows: CropWindow[] = [];
  for (let i = 0; i < n; i++) {
    const x = keepInside(xs[i]!, left[i]!, right[i]!, width, margin * width);
    const y = keepInside(ys[i]!, top[i]!, bottom[i]!, height, margin * height);
    const c = geometry.clampCenter(x, y, height);
    windows.push(geometry.windowAt(c.x, c.y, height));
  }
  return windows;
}

/** Nearest centre to `center` whose window of `size` holds [low, high] with `margin` on both sides. */
function keepInside(center: number, low: number, high: number, size: number, margin: number): number {
  const min = high + margin - size / 2;
  const max = low - margin + size / 2;
  if (min > max) return (low + high) / 2;
  return Math.min(Math.max(center, min), max);
}

export function planSegmentPath(input: PlanSegmentPathInput): SegmentPath {
  const { segment, lookup, options, source, output, times, fps } = input;
  const aspect = output.width / output.height;
  const shot = lookup.shots[segment.shot]!;
  // Windows stay inside the content region of the face they frame: never bars, gaps or a neighbour's tile.
  const regionOf = (face: FaceBox | null) => findContentRegion({ shot, face, source });
  const geometryIn = (region: ContentBounds | null, geometryAspect = aspect) =>
    createWindowGeometry({
      sourceWidth: source.width,
      sourceHeight: source.height,
      aspect: geometryAspect,
      bounds: region,
    });
  const target = segment.target;

  if (target.kind === "fit" || target.kind === "center") {
    const region = regionOf(null);
    const geometry = geometryIn(region);
    const base = target.kind === "fit" ? geometry.fitAll() : geometry.centered();
    const height = base.height / segment.zoom;
    const { bounds } = geometry;
    const window = geometry.windowAt(bounds.x + bounds.width / 2, bounds.y + bounds.height / 2, height);
    return {
      layout: "single",
      windows: times.map(() => window),
      lowerWindows: null,
      trackIds: [],
      layoutChoice: null,
      region,
      lowerRegion: null,
    };
  }

  const boxesOf = (trackId: number) => times.map((t) => lookup.heldBoxAtSeconds(trackId, t));
  // Size from the speaker's median face over the whole shot: the same person is framed the same way every turn.
  const referenceOf = (trackId: number) => lookup.medianBox(trackId, shot.startFrame, shot.endFrame);

  if (target.kind === "speaker") {
    const reference = referenceOf(target.trackId);
    const region = regionOf(reference);
    const geometry = geometryIn(region);
    const height = fitWindowToRegion({
      height: speakerWindowHeight({ face: reference, geometry, options, zoom: segment.zoom }),
      face: reference,
      geometry,
      bounded: region !== null,
    });
    const windows = followBoxes(
      {
        boxes: boxesOf(target.trackId),
        reference,
        height,
        geometry,
        centerFromTop: options.faceCenterFromTop,
      },
      options,
      fps,
    );
    return {
      layout: "single",
      windows,
      lowerWindows: null,
      trackIds: [target.trackId],
      layoutChoice: null,
      region,
      lowerRegion: null,
    };
  }

  // Pair: measure both layouts on the faces as they are during this segment.
  const segStart = lookup.frameAtSeconds(segment.startSeconds);
  const segEnd = Math.max(segStart + 1, lookup.frameAtSeconds(segment.endSeconds));
  const [a, b] = target.trackIds.map((id) => ({ id, median: lookup.medianBox(id, segStart, segEnd) })) as [
    { id: number; median: FaceBox },
    { id: number; median: FaceBox },
  ];
  const [leftFace, rightFace] =
    a.median.x + a.median.width / 2 <= b.median.x + b.median.width / 2 ? [a, b] : [b, a];
  const leftRegion = regionOf(leftFace.median);
  const rightRegion = regionOf(rightFace.median);
  const measured = chooseTwoPersonLayout({
    faces: [leftFace.median, rightFace.median],
    source,
    output,
    options,
  });
  // People in different tiles are never framed together: the window would show the gap between.
  const choice = sameRegion(leftRegion, rightRegion) ? measured : { ...measured, chosen: "split" as const };

  if (choice.chosen === "split") {
    const panelPath = (face: { id: number; median: FaceBox }, region: ContentBounds | null) => {
      const panel = geometryIn(region, output.width / (output.height / 2));
      return followBoxes(
        {
          boxes: boxesOf(face.id),
          reference: face.median,
          height: fitWindowToRegion({
            height: speakerWindowHeight({
              face: face.median,
              geometry: panel,
              options: { ...options, faceHeightFraction: options.splitFaceHeightFraction },
              zoom: segment.zoom,
            }),
            face: face.median,
            geometry: panel,
            bounded: region !== null,
          }),
          geometry: panel,
          centerFromTop: options.faceCenterFromTop,
        },
        options,
        fps,
      );
    };
    return {
      layout: "split",
      windows: panelPath(leftFace, leftRegion),
      lowerWindows: panelPath(rightFace, rightRegion),
      trackIds: [leftFace.id, rightFace.id],
      layoutChoice: choice,
      region: leftRegion,
      lowerRegion: rightRegion,
    };
  }

  // Wide: one window on the union of both faces.
  const leftBoxes = boxesOf(leftFace.id);
  const rightBoxes = boxesOf(rightFace.id);
  const union = (p: FaceBox, q: FaceBox): FaceBox => {
    const x = Math.min(p.x, q.x);
    const y = Math.min(p.y, q.y);
    return {
      x,
      y,
      width: Math.max(p.x + p.width, q.x + q.width) - x,
      height: Math.max(p.y + p.height, q.y + q.height) - y,
    };
  };
  const geometry = geometryIn(leftRegion);
  const height = fitWindowToRegion({
    height: wideWindowHeight([leftFace.median, rightFace.median], aspect, source) / segment.zoom,
    face: union(leftFace.median, rightFace.median),
    geometry,
    bounded: leftRegion !== null,
  });
  const windows = followBoxes(
    {
      boxes: leftBoxes.map((box, i) => union(box, rightBoxes[i]!)),
      reference: union(leftFace.median, rightFace.median),
      height,
      geometry,
      centerFromTop: options.faceCenterFromTop,
    },
    options,
    fps,
  );
  return {
    layout: "single",
    windows,
    lowerWindows: null,
    trackIds: [leftFace.id, rightFace.id],
    layoutChoice: choice,
    region: leftRegion,
    lowerRegion: null,
  };
}

const sameRegion = (a: ContentBounds | null, b: ContentBounds | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);
