// Random access to a timeline's face boxes by track and time, so the planner can sample at any output fps.
import type { Timeline, TimelineShot, TimelineTrack } from "../../timeline/timeline-schema";

/** A face box in source px. */
export interface FaceBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FaceLookup {
  analysisFps: number;
  /** Number of analysis frames. */
  frameCount: number;
  /** Shots covering every analysis frame (a timeline without shots counts as one shot). */
  shots: TimelineShot[];
  tracks: TimelineTrack[];
  /** Shot index of an analysis frame, -1 outside the timeline. */
  shotAtFrame(frame: number): number;
  /** Analysis frame shown at a source time (frame i covers [i/fps, (i+1)/fps)). */
  frameAtSeconds(seconds: number): number;
  /** Box of a track at an analysis frame, or null where the track has no box. */
  boxAtFrame(trackId: number, frame: number): FaceBox | null;
  /** Box at a source time, linearly interpolated between analysis frame centres; null where the track is absent. */
  boxAtSeconds(trackId: number, seconds: number): FaceBox | null;
  /** Like boxAtSeconds but holds the track's first/last box outside its frames (for smoothing context). */
  heldBoxAtSeconds(trackId: number, seconds: number): FaceBox;
  /** Ids of tracks with a box at an analysis frame. */
  tracksAtFrame(frame: number): number[];
  /** Median box of a track over its frames in [startFrame, endFrame). */
  medianBox(trackId: number, startFrame?: number, endFrame?: number): FaceBox;
  track(trackId: number): TimelineTrack;
}

// Tolerance so that times computed as frame / fps land on the frame they name despite float error.
const EPSILON = 1e-6;

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function createFaceLookup(timeline: Timeline): FaceLookup {
  const analysisFps = timeline.analysis.fps;
  const frameCount = timeline.analysis.frameCount;
  const shots =
    timeline.shots.length > 0 ? timeline.shots : [{ startFrame: 0, endFrame: Math.max(1, frameCount) }];
  const shotOf = new Int32Array(frameCount).fill(-1);
  shots.forEach((shot, index) => {
    for (let f = shot.startFrame; f < Math.min(shot.endFrame, frameCount); f++) shotOf[f] = index;
  });
  const byId = new Map<number, TimelineTrack>();
  for (const track of timeline.tracks) byId.set(track.id, track);
  const present: number[][] = Array.from({ length: frameCount }, () => []);
  for (const track of timeline.tracks) {
    for (let i = 0; i < track.frameCount; i++) present[track.startFrame + i]?.push(track.id);
  }

  const medians = new Map<string, FaceBox>();
  const track = (trackId: number): TimelineTrack => {
    const found = byId.get(trackId);
    if (!found) throw new Error(`timeline has no track ${trackId}`);
    return found;
  };
  const boxAtIndex = (t: TimelineTrack, i: number): FaceBox => {
    const b = t.boxes;
    return { x: b[4 * i]!, y: b[4 * i + 1]!, width: b[4 * i + 2]!, height: b[4 * i + 3]! };
  };
  const frameAtSeconds = (seconds: number) => Math.floor(seconds * analysisFps + EPSILON);

  const heldBoxAtSeconds = (trackId: number, seconds: number): FaceBox => {
    const t = track(trackId);
    // Boxes describe the centre of their analysis frame.
    const u = seconds * analysisFps - 0.5 - t.startFrame;
    const last = t.frameCount - 1;
    if (u <= 0) return boxAtIndex(t, 0);
    if (u >= last) return boxAtIndex(t, last);
    const i0 = Math.floor(u);
    const k = u - i0;
    const a = boxAtIndex(t, i0);
    const b = boxAtIndex(t, i0 + 1);
    return {
      x: a.x + (b.x - a.x) * k,
      y: a.y + (b.y - a.y) * k,
      width: a.width + (b.width - a.width) * k,
      height: a.height + (b.height - a.height) * k,
    };
  };

  return {
    analysisFps,
    frameCount,
    shots,
    tracks: timeline.tracks,
    shotAtFrame: (frame) => (frame >= 0 && frame < frameCount ? shotOf[frame]! : -1),
    frameAtSeconds,
    boxAtFrame(trackId, frame) {
      const t = track(trackId);
      const i = frame - t.startFrame;
      return i >= 0 && i < t.frameCount ? boxAtIndex(t, i) : null;
    },
    boxAtSeconds(trackId, seconds) {
      const t = track(trackId);
      const i = frameAtSeconds(seconds) - t.startFrame;
      return i >= 0 && i < t.frameCount ? heldBoxAtSeconds(trackId, seconds) : null;
    },
    heldBoxAtSeconds,
    tracksAtFrame: (frame) => present[frame] ?? [],
    track,
    medianBox(trackId, startFrame = 0, endFrame = Number.POSITIVE_INFINITY) {
      const key = `${trackId}:${startFrame}:${endFrame}`;
      const cached = medians.get(key);
      if (cached) return cached;
      const t = track(trackId);
      const from = Math.min(Math.max(0, startFrame - t.startFrame), t.frameCount - 1);
      const to = Math.max(from + 1, Math.min(t.frameCount, endFrame - t.startFrame));
      // At most ~2000 evenly spaced samples: as good a median, and long tracks stay cheap.
      const step = Math.max(1, Math.floor((to - from) / 2000));
      const xs: number[] = [];
      const ys: number[] = [];
      const ws: number[] = [];
      const hs: number[] = [];
      for (let i = from; i < to; i += step) {
        const box = boxAtIndex(t, i);
        xs.push(box.x + box.width / 2);
        ys.push(box.y + box.height / 2);
        ws.push(box.width);
        hs.push(box.height);
      }
      const w = median(ws);
      const h = median(hs);
      const result = { x: median(xs) - w / 2, y: median(ys) - h / 2, width: w, height: h };
      medians.set(key, result);
      return result;
    },
  };
}
