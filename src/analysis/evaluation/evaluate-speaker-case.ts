// Scores a decided active speaker per analysis frame against one speaker-benchmark case's labels: speech-frame
// accuracy, voice-activity F1, turn floor, turn-change error and average precision of the tracks' scores. A track
// is matched to a labelled face at a frame when its box centre lies inside the face's box. Pure.
import { averagePrecision } from "./evaluate-timeline";
import type { SpeakerCaseLabels } from "./speaker-case-labels";

/** The parts of a timeline track the evaluation reads. */
export interface EvaluatedTrack {
  id: number;
  startFrame: number;
  frameCount: number;
  /** Flat [x, y, width, height] per frame, source px. */
  boxes: readonly number[];
  /** Speaking score per frame (higher = more likely speaking); null where not scored. */
  scores: readonly (number | null)[];
}

export interface EvaluateSpeakerCaseOptions {
  /** Track id per analysis frame, -1 for nobody. */
  activeSpeaker: readonly number[];
  tracks: readonly EvaluatedTrack[];
  labels: SpeakerCaseLabels;
}

export interface LabelledTurn {
  face: string;
  startFrame: number;
  /** Exclusive. */
  endFrame: number;
  /** Frames of the turn where the face is labelled speaking (bridged pauses excluded). */
  speakingFrames: number;
  /** Of those, frames whose decided speaker is a track on that face. */
  floorFrames: number;
}

export interface TurnChange {
  from: string;
  to: string;
  /** Labelled change: first frame of the new turn. */
  frame: number;
  /** Nearest decided change to `to` within ±maxErrorFrames, or null. */
  decidedFrame: number | null;
  /** |decidedFrame − frame|, or maxErrorFrames when none was found. */
  errorFrames: number;
}

/** Raw counts a pooled result is built from. */
export interface SpeakerCaseCounts {
  frames: number;
  speechFrames: number;
  speechCorrect: number;
  vad: { truePositive: number; falsePositive: number; falseNegative: number };
  /** Turns of at least MIN_FLOOR_TURN_FRAMES. */
  floorTurns: LabelledTurn[];
  changes: TurnChange[];
  /** (frame, visible face) score pairs for average precision; undetected faces score -Infinity. */
  scorePairs: { score: number; positive: boolean }[];
}

export interface SpeakerMetrics {
  /** Frames where some visible face speaks. */
  speechFrames: number;
  /** Fraction of speechFrames whose decided speaker is a track on a speaking visible face. */
  speechFrameAccuracy: number | null;
  /** F1 of "someone visible speaks" (label) vs "activeSpeaker ≠ -1" (decision) over all frames. */
  voiceActivityF1: number | null;
  /** Frame-weighted share of floor over turns ≥ 0.8 s, and the worst such turn. */
  turnFloor: number | null;
  worstTurnFloor: number | null;
  turnChanges: number;
  turnChangeMedianFrames: number | null;
  turnChangeP95Frames: number | null;
  averagePrecision: number | null;
}

export interface SpeakerCaseResult {
  caseId: string;
  split: SpeakerCaseLabels["split"];
  kinds: string[];
  metrics: SpeakerMetrics;
  counts: SpeakerCaseCounts;
}

/** Pauses shorter than this (0.3 s) do not end a turn. */
export const TURN_BRIDGE_FRAMES = 8;
/** Turns of at least 0.8 s are measured for the floor. */
export const MIN_FLOOR_TURN_FRAMES = 20;
/** A change further than 2 s from the labelled one counts as 2 s. */
export const MAX_CHANGE_ERROR_FRAMES = 50;

interface FrameTruth {
  visible: { face: string; box: [number, number, number, number] }[];
  speaking: Set<string>;
}

function frameTruths(labels: SpeakerCaseLabels): FrameTruth[] {
  const truths: FrameTruth[] = Array.from({ length: labels.frameCount }, () => ({
    visible: [],
    speaking: new Set<string>(),
  }));
  for (const layout of labels.layouts)
    for (let f = Math.max(0, layout.startFrame); f < Math.min(labels.frameCount, layout.endFrame); f++)
      truths[f]!.visible.push(...layout.visible);
  for (const face of labels.faces)
    for (const [start, end] of face.speakingIntervals)
      for (let f = Math.max(0, start); f < Math.min(labels.frameCount, end); f++)
        truths[f]!.speaking.add(face.name);
  return truths;
}

function centreAt(track: EvaluatedTrack, frame: number): [number, number] | null {
  const i = frame - track.startFrame;
  if (i < 0 || i >= track.frameCount) return null;
  const b = track.boxes;
  return [b[4 * i]! + b[4 * i + 2]! / 2, b[4 * i + 1]! + b[4 * i + 3]! / 2];
}

const inside = ([x, y]: [number, number], [x1, y1, x2, y2]: [number, number, number, number]) =>
  x >= x1 && x <= x2 && y >= y1 && y <= y2;

/** The face (name) whose box holds the track's centre at the frame, or null. */
function faceOfTrack(track: EvaluatedTrack | undefined, truth: FrameTruth, frame: number): string | null {
  if (!track) return null;
  const centre = centreAt(track, frame);
  if (!centre) return null;
  return truth.visible.find((v) => inside(centre, v.box))?.face ?? null;
}

/** The visible face speaking alone at each frame ("" when nobody visible speaks, "*" when several do). */
function soleSpeakers(truths: FrameTruth[]): string[] {
  return truths.map((truth) => {
    const speaking = truth.visible
      .map((v) => v.face)
      .filter((f, i, all) => truth.speaking.has(f) && all.indexOf(f) === i);
    return speaking.length === 0 ? "" : speaking.length === 1 ? speaking[0]! : "*";
  });
}

/** Maximal runs of one visible face speaking, bridged over pauses (nobody visible speaking) < 0.3 s. */
export function labelledTurns(
  sole: readonly string[],
): { face: string; startFrame: number; endFrame: number }[] {
  const turns: { face: string; startFrame: number; endFrame: number }[] = [];
  for (let f = 0; f < sole.length; f++) {
    const face = sole[f]!;
    if (face === "" || face === "*") continue;
    const last = turns[turns.length - 1];
    if (last && last.face === face && f - last.endFrame < TURN_BRIDGE_FRAMES) last.endFrame = f + 1;
    else turns.push({ face, startFrame: f, endFrame: f + 1 });
  }
  return turns;
}

/** Nearest-rank percentile (p in 0..1) of numbers. */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

/** Median as the mean of the two middle values for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function metricsFromCounts(counts: SpeakerCaseCounts): SpeakerMetrics {
  const { truePositive: tp, falsePositive: fp, falseNegative: fn } = counts.vad;
  const turnSpeaking = counts.floorTurns.reduce((sum, t) => sum + t.speakingFrames, 0);
  const turnFloor = counts.floorTurns.reduce((sum, t) => sum + t.floorFrames, 0);
  const errors = counts.changes.map((c) => c.errorFrames);
  return {
    speechFrames: counts.speechFrames,
    speechFrameAccuracy: counts.speechFrames ? counts.speechCorrect / counts.speechFrames : null,
    voiceActivityF1: tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : null,
    turnFloor: turnSpeaking ? turnFloor / turnSpeaking : null,
    worstTurnFloor: counts.floorTurns.length
      ? Math.min(...counts.floorTurns.map((t) => (t.speakingFrames ? t.floorFrames / t.speakingFrames : 1)))
      : null,
    turnChanges: errors.length,
    turnChangeMedianFrames: median(errors),
    turnChangeP95Frames: percentile(errors, 0.95),
    averagePrecision: counts.scorePairs.some((p) => p.positive) ? averagePrecision(counts.scorePairs) : null,
  };
}

export function evaluateSpeakerCase(options: EvaluateSpeakerCaseOptions): SpeakerCaseResult {
  const { labels, activeSpeaker, tracks } = options;
  const truths = frameTruths(labels);
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const decidedFaces = truths.map((truth, frame) => {
    const id = activeSpeaker[frame] ?? -1;
    return id < 0 ? null : faceOfTrack(byId.get(id), truth, frame);
  });

  const counts: SpeakerCaseCounts = {
    frames: labels.frameCount,
    speechFrames: 0,
    speechCorrect: 0,
    vad: { truePositive: 0, falsePositive: 0, falseNegative: 0 },
    floorTurns: [],
    changes: [],
    scorePairs: [],
  };
  truths.forEach((truth, frame) => {
    const someoneSpeaks = truth.visible.some((v) => truth.speaking.has(v.face));
    const decided = (activeSpeaker[frame] ?? -1) !== -1;
    if (someoneSpeaks) {
      counts.speechFrames++;
      const face = decidedFaces[frame];
      if (face && truth.speaking.has(face)) counts.speechCorrect++;
    }
    if (someoneSpeaks && decided) counts.vad.truePositive++;
    else if (decided) counts.vad.falsePositive++;
    else if (someoneSpeaks) counts.vad.falseNegative++;
    for (const face of new Set(truth.visible.map((v) => v.face))) {
      let score = -Infinity;
      for (const track of tracks) {
        if (faceOfTrack(track, truth, frame) !== face) continue;
        const value = track.scores[frame - track.startFrame];
        if (value !== null && value !== undefined && value > score) score = value;
      }
      counts.scorePairs.push({ score, positive: truth.speaking.has(face) });
    }
  });

  const sole = soleSpeakers(truths);
  const turns = labelledTurns(sole);
  for (const turn of turns) {
    if (turn.endFrame - turn.startFrame < MIN_FLOOR_TURN_FRAMES) continue;
    let speakingFrames = 0;
    let floorFrames = 0;
    for (let f = turn.startFrame; f < turn.endFrame; f++) {
      if (sole[f] !== turn.face) continue;
      speakingFrames++;
      if (decidedFaces[f] === turn.face) floorFrames++;
    }
    counts.floorTurns.push({ ...turn, speakingFrames, floorFrames });
  }
  for (let k = 1; k < turns.length; k++) {
    const from = turns[k - 1]!;
    const to = turns[k]!;
    if (from.face === to.face) continue;
    let decidedFrame: number | null = null;
    for (let d = 0; d <= MAX_CHANGE_ERROR_FRAMES && decidedFrame === null; d++) {
      for (const f of d === 0 ? [to.startFrame] : [to.startFrame - d, to.startFrame + d]) {
        if (f < 0 || f >= decidedFaces.length) continue;
        if (decidedFaces[f] === to.face && (f === 0 || decidedFaces[f - 1] !== to.face)) {
          decidedFrame = f;
          break;
        }
      }
    }
    counts.changes.push({
      from: from.face,
      to: to.face,
      frame: to.startFrame,
      decidedFrame,
      errorFrames: decidedFrame === null ? MAX_CHANGE_ERROR_FRAMES : Math.abs(decidedFrame - to.startFrame),
    });
  }
  return {
    caseId: labels.caseId,
    split: labels.split,
    kinds: labels.kinds,
    metrics: metricsFromCounts(counts),
    counts,
  };
}
