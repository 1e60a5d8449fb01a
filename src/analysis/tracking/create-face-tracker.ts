// Streaming IoU tracker: detections join the open track they overlap most (greedy by IoU), a track survives
// short misses, and every track closes at a shot cut, so no track ever crosses a cut.
import { intersectionOverUnion, type FaceBox } from "./face-box";

export interface TrackedDetection {
  /** Analysis frame of the detection. */
  frame: number;
  box: FaceBox;
  score: number;
  /** Five landmarks, flat [x0, y0, ..., x4, y4] in source px. */
  landmarks?: number[];
}

export interface FaceTrack {
  id: number;
  shot: number;
  /** Detections in frame order; frames between them are interpolated. */
  detections: TrackedDetection[];
  closed: boolean;
}

export interface FaceTrackerOptions {
  /** Minimum IoU for a detection to continue a track (TalkNet uses 0.5). */
  iouThreshold?: number;
  /** A track closes after this many analysis frames without a matching detection. */
  maxGapFrames?: number;
}

export interface FaceTracker {
  /** Feeds the detections of one analysis frame (frames must increase). */
  update(frame: number, detections: readonly Omit<TrackedDetection, "frame">[]): void;
  /**
   * Closes every open track (call at a shot cut, before the first frame of the new shot, and at the end).
   * With `lastFrame` (the shot's last analysis frame), tracks seen at the latest detection pass are held to it:
   * their gap there comes from the detection stride, not from the face leaving.
   */
  cut(lastFrame?: number): void;
  /** Tracks still open. */
  readonly openTracks: readonly FaceTrack[];
  /** Tracks closed since the last call, in the order they closed. */
  takeClosed(): FaceTrack[];
}

export function createFaceTracker(options: FaceTrackerOptions = {}): FaceTracker {
  const iouThreshold = options.iouThreshold ?? 0.5;
  const maxGapFrames = options.maxGapFrames ?? 10;
  let open: FaceTrack[] = [];
  let closed: FaceTrack[] = [];
  let nextId = 0;
  let shot = 0;
  let lastUpdateFrame = -1;

  const close = (track: FaceTrack) => {
    track.closed = true;
    closed.push(track);
  };

  return {
    update(frame, detections) {
      lastUpdateFrame = frame;
      // Close tracks whose last detection is too old.
      open = open.filter((track) => {
        const last = track.detections.at(-1)!.frame;
        if (frame - last > maxGapFrames) {
          close(track);
          return false;
        }
        return true;
      });
      const pairs: { track: FaceTrack; detection: number; iou: number }[] = [];
      open.forEach((track) => {
        const lastBox = track.detections.at(-1)!.box;
        detections.forEach((detection, index) => {
          const iou = intersectionOverUnion(lastBox, detection.box);
          if (iou >= iouThreshold) pairs.push({ track, detection: index, iou });
        });
      });
      pairs.sort((a, b) => b.iou - a.iou || a.track.id - b.track.id || a.detection - b.detection);
      const usedTracks = new Set<FaceTrack>();
      const usedDetections = new Set<number>();
      for (const pair of pairs) {
        if (usedTracks.has(pair.track) || usedDetections.has(pair.detection)) continue;
        usedTracks.add(pair.track);
        usedDetections.add(pair.detection);
        pair.track.detections.push({ ...detections[pair.detection]!, frame });
      }
      detections.forEach((detection, index) => {
        if (usedDetections.has(index)) return;
        open.push({ id: nextId++, shot, detections: [{ ...detection, frame }], closed: false });
      });
    },
    cut(lastFrame) {
      for (const track of open) {
        const last = track.detections.at(-1)!;
        if (lastFrame !== undefined && last.frame === lastUpdateFrame && lastFrame > last.frame)
          track.detections.push({ ...last, frame: lastFrame });
        close(track);
      }
      open = [];
      shot++;
    },
    get openTracks() {
      return open;
    },
    takeClosed() {
      const result = closed;
      closed = [];
      return result;
    },
  };
}

/** First and last analysis frame of a track (inclusive). */
export function trackSpan(track: FaceTrack): { startFrame: number; endFrame: number } {
  return { startFrame: track.detections[0]!.frame, endFrame: track.detections.at(-1)!.frame };
}

/** Index of the last detection at or before `frame` (0 when the frame is before the first). */
function lastDetectionAtOrBefore(detections: FaceTrack["detections"], frame: number): number {
  let lo = 0;
  let hi = detections.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (detections[mid]!.frame <= frame) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The box at any frame inside the track's span, linearly interpolated between detections. */
export function interpolatedBox(track: FaceTrack, frame: number, hint = { index: 0 }): FaceBox {
  const detections = track.detections;
  let i = Math.min(hint.index, detections.length - 1);
  // The hint makes a forward scan O(1) per frame; anything else is a binary search, so a lookup on a long track
  // never walks its whole history.
  const fits = (j: number) =>
    detections[j]!.frame <= frame && (j + 1 === detections.length || detections[j + 1]!.frame > frame);
  if (!fits(i))
    i = i + 1 < detections.length && fits(i + 1) ? i + 1 : lastDetectionAtOrBefore(detections, frame);
  hint.index = i;
  const a = detections[i]!;
  const b = detections[i + 1];
  if (!b || a.frame === frame) return a.box;
  const t = (frame - a.frame) / (b.frame - a.frame);
  return {
    x: a.box.x + (b.box.x - a.box.x) * t,
    y: a.box.y + (b.box.y - a.box.y) * t,
    width: a.box.width + (b.box.width - a.box.width) * t,
    height: a.box.height + (b.box.height - a.box.height) * t,
  };
}
