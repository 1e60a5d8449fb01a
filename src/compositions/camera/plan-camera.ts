// Offline virtual camera: for every output frame, which part of the source to show (crop window in source px)
// and the list of camera events (hold / pan / cut) with reasons. Pure: no React, no I/O.
//
// 1. planSpeakerSegments decides whom to frame when (whole timeline, so a range plans like the full video).
// 2. planSegmentPath turns each segment into a smooth path on the output-fps grid (context on both sides).
// 3. Boundaries become cuts (shot changes, far-apart faces, layout changes) or short eased pans (close faces, zooms).
import type {
  CameraEvent,
  CameraFrame,
  CameraPlan,
  CameraSegment,
  ContentBounds,
  CropWindow,
  PlanCameraInput,
  TwoPersonLayoutChoice,
} from "./camera-types";
import { createFaceLookup } from "./create-face-lookup";
import { planSegmentPath, type SegmentPath } from "./plan-segment-path";
import { planSpeakerSegments, targetKey } from "./plan-speaker-segments";
import { resolveCameraOptions } from "./resolve-camera-options";
import { FollowError, resolveFollow, type FollowTarget } from "../../decision/resolve-follow";

function resolveFollowInput(
  timeline: PlanCameraInput["timeline"],
  follow: PlanCameraInput["follow"],
): FollowTarget | null {
  if (follow === null || follow === undefined || follow === "") return null;
  if (typeof follow !== "string") return follow;
  const resolved = resolveFollow(timeline, follow);
  if (!resolved)
    throw new FollowError(
      `follow "${follow}" is neither a person id (P1, P2, …) nor a source time; face images are matched by \`speakerframe render --follow\``,
    );
  return resolved;
}

const smoothstep = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

function lerpWindow(a: CropWindow, b: CropWindow, k: number): CropWindow {
  const mix = (p: number, q: number) => p + (q - p) * k;
  return {
    x: mix(a.x, b.x),
    y: mix(a.y, b.y),
    width: mix(a.width, b.width),
    height: mix(a.height, b.height),
    zoom: mix(a.zoom, b.zoom),
  };
}

const sameBounds = (a: ContentBounds | null, b: ContentBounds | null) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height);

const centerX = (w: CropWindow) => w.x + w.width / 2;
const centerY = (w: CropWindow) => w.y + w.height / 2;

interface Transition {
  /** Grid index of the first frame of the new segment. */
  boundary: number;
  kind: "cut" | "pan";
  /** Pan frames [from, to) on the grid. */
  from: number;
  to: number;
  reason: string;
}

export function planCamera(input: PlanCameraInput): CameraPlan {
  const { timeline, output, fps } = input;
  if (!(output.width > 0 && output.height > 0))
    throw new Error(`output size must be positive, got ${output.width}x${output.height}`);
  if (!(fps > 0)) throw new Error(`fps must be positive, got ${fps}`);
  const options = resolveCameraOptions(input);
  const lookup = createFaceLookup(timeline);
  const source = { width: timeline.source.width, height: timeline.source.height };
  const analysedSeconds = lookup.frameCount / lookup.analysisFps;
  const range = input.range ?? { startSeconds: 0, endSeconds: analysedSeconds };
  if (!(range.endSeconds > range.startSeconds)) {
    throw new Error(`range must end after it starts, got ${range.startSeconds}..${range.endSeconds} s`);
  }
  const frameCount = Math.max(1, Math.round((range.endSeconds - range.startSeconds) * fps));

  const follow = resolveFollowInput(timeline, input.follow);
  const { segments, warnings } = planSpeakerSegments({
    timeline,
    lookup,
    options,
    directives: input.directives,
    follow,
  });
  if (segments.length === 0) {
    // No analysed frames at all: show the whole source.
    segments.push({
      startSeconds: 0,
      endSeconds: Math.max(range.endSeconds, analysedSeconds),
      shot: 0,
      target: { kind: options.noFaceLayout },
      zoom: 1,
      reason: "timeline has no analysed frames",
      forcedBy: null,
    });
  }

  // Planning grid: the output frames plus context on each side, so smoothing and look-ahead see past the range.
  const before = Math.floor(Math.min(options.contextSeconds, range.startSeconds) * fps);
  const after = Math.max(
    0,
    Math.floor(Math.min(options.contextSeconds, analysedSeconds - range.endSeconds) * fps),
  );
  const gridLength = before + frameCount + after;
  const times = Array.from({ length: gridLength }, (_, g) => range.startSeconds + (g - before) / fps);
  const segmentOf = new Int32Array(gridLength);
  let s = 0;
  for (let g = 0; g < gridLength; g++) {
    // 1e-6 s tolerance: a frame exactly on a boundary belongs to the later segment.
    while (s < segments.length - 1 && times[g]! + 1e-6 >= segments[s]!.endSeconds) s++;
    segmentOf[g] = s;
  }

  // Paths per segment occurrence, each extended by a pan's worth of frames on both sides for blending.
  const pad = Math.ceil((options.panSeconds + options.anticipationSeconds + 0.5) * fps) + 1;
  interface Occurrence {
    segment: number;
    from: number;
    to: number;
    pathFrom: number;
    path: SegmentPath;
  }
  const occurrences: Occurrence[] = [];
  const twoPersonLayouts: TwoPersonLayoutChoice[] = [];
  for (let g = 0; g < gridLength; ) {
    const segment = segmentOf[g]!;
    let end = g;
    while (end < gridLength && segmentOf[end] === segment) end++;
    const pathFrom = Math.max(0, g - pad);
    const pathTo = Math.min(gridLength, end + pad);
    const path = planSegmentPath({
      segment: segments[segment]!,
      lookup,
      options,
      source,
      output,
      times: times.slice(pathFrom, pathTo),
      fps,
    });
    if (path.layoutChoice && !twoPersonLayouts.some((c) => c.segment === segment)) {
      const { chosen, splitFaceHeightOutputPx, wideFaceHeightOutputPx } = path.layoutChoice;
      twoPersonLayouts.push({
        segment,
        trackIds: path.trackIds as [number, number],
        chosen,
        splitFaceHeightOutputPx,
        wideFaceHeightOutputPx,
      });
    }
    occurrences.push({ segment, from: g, to: end, pathFrom, path });
    g = end;
  }

  const windowAt = (o: Occurrence, g: number) =>
    o.path.windows[Math.min(o.path.windows.length - 1, Math.max(0, g - o.pathFrom))]!;
  const lowerAt = (o: Occurrence, g: number) =>
    o.path.lowerWindows
      ? o.path.lowerWindows[Math.min(o.path.lowerWindows.length - 1, Math.max(0, g - o.pathFrom))]!
      : null;

  // Transitions between consecutive occurrences.
  const transitions: Transition[] = [];
  for (let i = 1; i < occurrences.length; i++) {
    const a = occurrences[i - 1]!;
    const b = occurrences[i]!;
    const sa = segments[a.segment]!;
    const sb = segments[b.segment]!;
    const boundary = b.from;
    transitions.push(chooseTransition(sa, sb, a, b, boundary));
  }

  function chooseTransition(
    sa: CameraSegment,
    sb: CameraSegment,
    a: Occurrence,
    b: Occurrence,
    boundary: number,
  ): Transition {
    const cut = (reason: string): Transition => ({
      boundary,
      kind: "cut",
      from: boundary,
      to: boundary,
      reason,
    });
    if (sa.shot !== sb.shot) return cut(`shot boundary; ${sb.reason}`);
    if (a.path.layout !== "single" || b.path.layout !== "single") return cut(sb.reason);
    // A pan between tiles would sweep over the gap and the neighbour's picture.
    if (!sameBounds(a.path.region, b.path.region)) return cut(sb.reason);
    const wa = windowAt(a, boundary);
    const wb = windowAt(b, boundary);
    const sameTarget = targetKey(sa.target) === targetKey(sb.target);
    const distance = Math.hypot(centerX(wa) - centerX(wb), centerY(wa) - centerY(wb));
    if (!sameTarget && distance > options.panMaxDistanceWidths * Math.max(wa.width, wb.width))
      return cut(sb.reason);
    // A pan ends when the new speaker starts (the boundary was anticipated by anticipationSeconds).
    const seconds = sameTarget ? Math.max(options.panSeconds, 0.6) : options.panSeconds;
    const lead = sb.forcedBy ? seconds / 2 : options.anticipationSeconds;
    const to = Math.min(gridLength, boundary + Math.round(lead * fps));
    const from = Math.max(0, to - Math.max(1, Math.round(seconds * fps)));
    return { boundary, kind: "pan", from, to, reason: sb.reason };
  }

  // Compose every grid frame, then keep the output range.
  const occurrenceOf = new Int32Array(gridLength);
  occurrences.forEach((o, i) => occurrenceOf.fill(i, o.from, o.to));
  const frames: CameraFrame[] = [];
  for (let f = 0; f < frameCount; f++) {
    const g = f + before;
    const o = occurrences[occurrenceOf[g]!]!;
    const sourceSeconds = times[g]!;
    let window = windowAt(o, g);
    const lowerWindow = lowerAt(o, g);
    // Inside a pan: blend from the previous occurrence's path to the next one's.
    const index = occurrenceOf[g]!;
    for (const [t, from, to] of [
      [transitions[index - 1], occurrences[index - 1], o],
      [transitions[index], o, occurrences[index + 1]],
    ] as const) {
      if (!t || t.kind !== "pan" || !from || !to || g < t.from || g >= t.to) continue;
      const k = smoothstep((g + 0.5 - t.from) / (t.to - t.from));
      window = lerpWindow(windowAt(from, g), windowAt(to, g), k);
    }
    frames.push({
      sourceSeconds,
      shot: lookup.shotAtFrame(lookup.frameAtSeconds(sourceSeconds)),
      layout: o.path.layout,
      window,
      lowerWindow,
      region: o.path.region,
      lowerRegion: o.path.lowerRegion,
      trackIds: o.path.trackIds,
      segment: o.segment,
    });
  }

  // Events in output frames.
  const events: CameraEvent[] = [];
  const secondsOf = (f: number) => range.startSeconds + f / fps;
  const toOutput = (g: number) => Math.min(frameCount, Math.max(0, g - before));
  occurrences.forEach((o, i) => {
    const start = toOutput(o.from);
    const end = toOutput(o.to);
    if (end <= start) return;
    const t = transitions[i - 1];
    if (t && t.boundary - before > 0) {
      const from = t.kind === "cut" ? start : toOutput(t.from);
      const to = t.kind === "cut" ? start : toOutput(t.to);
      events.push({
        type: t.kind,
        startFrame: from,
        endFrame: to,
        startSeconds: secondsOf(from),
        endSeconds: secondsOf(to),
        reason: t.reason,
        segment: o.segment,
      });
    }
    events.push({
      type: "hold",
      startFrame: start,
      endFrame: end,
      startSeconds: secondsOf(start),
      endSeconds: secondsOf(end),
      reason: segments[o.segment]!.reason,
      segment: o.segment,
    });
  });
  events.sort((p, q) => p.startFrame - q.startFrame || (p.type === "hold" ? 1 : -1));

  return { output, fps, source, range, frames, events, segments, twoPersonLayouts, options, warnings };
}
