// Scores a timeline against speaker labels: frame-level active-speaker accuracy, average precision of the
// per-face-frame speaking scores, and per-segment results. A labelled face is matched, per frame, to the track
// whose box centre lies inside the label's box. Pure.
import type { Timeline } from "../../timeline/timeline-schema";
import type { SpeakerLabel } from "./parse-speaker-labels";

export interface SegmentResult {
  face: string;
  startSeconds: number;
  endSeconds: number;
  speaking: boolean;
  frames: number;
  /** Frames where the face was found among the tracks. */
  detectedFrames: number;
  /** Frames where the timeline agrees: it names this face's track when speaking, and not when silent. */
  correctFrames: number;
  meanScore: number | null;
}

export interface EvaluationResult {
  /** Fraction of labelled frames whose active speaker is right (0..1); frames where nobody speaks expect none. */
  frameAccuracy: number;
  frames: number;
  /** Average precision of speaking scores over (frame, labelled face) pairs; undetected faces score lowest. */
  averagePrecision: number;
  segments: SegmentResult[];
}

/** The track whose box centre lies inside the label's box at an analysis frame, with its score. */
function trackInLabel(timeline: Timeline, label: SpeakerLabel, frame: number) {
  const [x1, y1, x2, y2] = label.box;
  for (const track of timeline.tracks) {
    const i = frame - track.startFrame;
    if (i < 0 || i >= track.frameCount) continue;
    const cx = track.boxes[4 * i]! + track.boxes[4 * i + 2]! / 2;
    const cy = track.boxes[4 * i + 1]! + track.boxes[4 * i + 3]! / 2;
    if (cx >= x1 && cx <= x2 && cy >= y1 && cy <= y2) return { id: track.id, score: track.scores[i] ?? null };
  }
  return null;
}

const labelFrames = (label: SpeakerLabel, timeline: Timeline) => ({
  first: Math.ceil(label.startSeconds * timeline.analysis.fps - 1e-9),
  last: Math.min(timeline.analysis.frameCount, Math.ceil(label.endSeconds * timeline.analysis.fps - 1e-9)),
});

/**
 * The labelled speaker's track per analysis frame (-1 where nobody is labelled speaking or the face was not
 * tracked): the timeline's own faces, with the speaker taken from the labels. Measures a camera plan built from
 * the analysis against the truth (cameraMetrics on a copy of the timeline with these as activeSpeaker).
 */
export function labelledActiveSpeakers(timeline: Timeline, labels: readonly SpeakerLabel[]): number[] {
  const speakers = new Array<number>(timeline.analysis.frameCount).fill(-1);
  for (const label of labels) {
    if (!label.speaking) continue;
    const { first, last } = labelFrames(label, timeline);
    for (let frame = first; frame < last; frame++)
      if (speakers[frame] === -1) speakers[frame] = trackInLabel(timeline, label, frame)?.id ?? -1;
  }
  return speakers;
}

export function evaluateTimeline(timeline: Timeline, labels: readonly SpeakerLabel[]): EvaluationResult {
  const trackAt = (label: SpeakerLabel, frame: number) => trackInLabel(timeline, label, frame);

  const pairs: { score: number; positive: boolean }[] = [];
  const segments: SegmentResult[] = [];
  const expected = new Map<number, Set<number>>(); // frame → acceptable active ids (empty = nobody)
  for (const label of labels) {
    const { first, last } = labelFrames(label, timeline);
    let detected = 0;
    let correct = 0;
    let scoreSum = 0;
    let scored = 0;
    for (let frame = first; frame < last; frame++) {
      const match = trackAt(label, frame);
      const active = timeline.activeSpeaker[frame];
      if (!expected.has(frame)) expected.set(frame, new Set());
      if (label.speaking) expected.get(frame)!.add(match?.id ?? -2);
      if (match) detected++;
      if (label.speaking ? match !== null && active === match.id : match === null || active !== match.id)
        correct++;
      if (match?.score !== null && match?.score !== undefined) {
        scoreSum += match.score;
        scored++;
      }
      pairs.push({ score: match?.score ?? -Infinity, positive: label.speaking });
    }
    segments.push({
      face: label.face,
      startSeconds: label.startSeconds,
      endSeconds: label.endSeconds,
      speaking: label.speaking,
      frames: Math.max(0, last - first),
      detectedFrames: detected,
      correctFrames: correct,
      meanScore: scored ? scoreSum / scored : null,
    });
  }
  let right = 0;
  for (const [frame, ids] of expected) {
    const active = timeline.activeSpeaker[frame] ?? -1;
    if (ids.size === 0 ? active === -1 : ids.has(active)) right++;
  }
  return {
    frameAccuracy: expected.size ? right / expected.size : 0,
    frames: expected.size,
    averagePrecision: averagePrecision(pairs),
    segments,
  };
}

/** Area under the precision-recall steps, as scikit-learn's average_precision_score (ties grouped). */
export function averagePrecision(pairs: readonly { score: number; positive: boolean }[]): number {
  const positives = pairs.filter((p) => p.positive).length;
  if (positives === 0) return 0;
  const sorted = [...pairs].sort((a, b) => b.score - a.score);
  let tp = 0;
  let fp = 0;
  let previousRecall = 0;
  let ap = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.positive) tp++;
    else fp++;
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    const recall = tp / positives;
    ap += (recall - previousRecall) * (tp / (tp + fp));
    previousRecall = recall;
  }
  return ap;
}
