// A timeline cut down to a clip plus a margin, for payloads that travel (Lambda input props). Frame numbers stay
// absolute (the composition maps source seconds to analysis frames), so frames before the window remain as
// "nobody speaks" (-1) entries; tracks are sliced to the window and keep their ids; shots keep their indices.
// Evidence is dropped: the payload carries the decision made on the whole timeline.
// The margin gives the planner the look-ahead and smoothing context it would have on the full timeline.
import type { Timeline, TimelineTrack } from "../timeline/timeline-schema";
import { alignTimelineToSource } from "../timeline/align-timeline-to-source";

export const DEFAULT_TRIM_MARGIN_SECONDS = 30;

export interface TrimTimelineInput {
  timeline: Timeline;
  startSeconds: number;
  /** null = to the end. */
  endSeconds: number | null;
  marginSeconds?: number;
}

export function trimTimeline(input: TrimTimelineInput): Timeline {
  const timeline = alignTimelineToSource(input.timeline);
  const fps = timeline.analysis.fps;
  const total = timeline.analysis.frameCount;
  const margin = input.marginSeconds ?? DEFAULT_TRIM_MARGIN_SECONDS;
  const from = Math.max(0, Math.min(total, Math.floor((input.startSeconds - margin) * fps)));
  const to =
    input.endSeconds === null
      ? total
      : Math.max(from, Math.min(total, Math.ceil((input.endSeconds + margin) * fps)));
  const tracks: TimelineTrack[] = [];
  for (const track of timeline.tracks) {
    const start = Math.max(track.startFrame, from);
    const end = Math.min(track.startFrame + track.frameCount, to);
    if (end <= start) continue;
    const a = start - track.startFrame;
    const b = end - track.startFrame;
    const sliced: TimelineTrack = {
      id: track.id,
      shot: track.shot,
      startFrame: start,
      frameCount: end - start,
      boxes: track.boxes.slice(4 * a, 4 * b),
      scores: track.scores.slice(a, b),
      ...(track.sync ? { sync: track.sync.slice(a, b) } : {}),
    };
    if (track.landmarks) sliced.landmarks = track.landmarks.slice(10 * a, 10 * b);
    tracks.push(sliced);
  }
  // Shots after the window go (they are last, so indices stay valid); the one crossing its end is cut there.
  const shots = timeline.shots
    .filter((shot, index) => shot.startFrame < to || index === 0)
    .map((shot) => ({
      ...shot,
      startFrame: shot.startFrame,
      endFrame: Math.max(shot.startFrame + 1, Math.min(shot.endFrame, to)),
    }));
  // People keep their ids (and so `follow: "P2"` its meaning); links to tracks outside the window go, and
  // embeddings stay behind (the people were decided on the whole timeline).
  const kept = new Set(tracks.map((t) => t.id));
  const people = timeline.people
    ?.map((person) => ({ ...person, tracks: person.tracks.filter((link) => kept.has(link.track)) }))
    .filter((person) => person.tracks.length > 0);
  const activeSpeaker = timeline.activeSpeaker.slice(0, to).map((id, frame) => (frame < from ? -1 : id));
  return {
    ...timeline,
    analysis: { ...timeline.analysis, frameCount: to },
    shots,
    tracks,
    // The decision was made on the whole timeline's evidence; the cut-down payload carries its result only.
    evidence: null,
    activeSpeaker,
    ...(people ? { people } : {}),
  };
}
