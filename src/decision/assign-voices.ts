// Stretches of one voice. Speech is cut into pieces at every dip of the voice activity of at least
// voiceSplitPauseSeconds (a breath between turns is often shorter than a pause that makes nobody speak) and at shot
// cuts. Voices are told apart by the direction of their voice features (MFCC 1..12) once standardised over all the
// soundtrack's speech: a piece is cut where the second before and the second after point apart by more than
// voiceChangeDistance (turns without a pause), and within each shot pieces that point alike are linked into one
// voice, down to as many voices as the shot has faces, while they are closer than voiceLinkDistance. A voice heard
// again so pools its lip-sync evidence over all its turns in the shot. Pure.
import type { DecisionEvidence } from "./decide-speakers";
import type { DecisionParams } from "./decision-params";
import { voicedFrames, voicedRuns } from "./voiced-frames";

export interface AssignVoicesInput {
  evidence: DecisionEvidence;
  params: DecisionParams;
}

interface Piece {
  start: number;
  /** Exclusive. */
  end: number;
}

/** Pieces shorter than this many frames are too short to tell a voice by; they stay on their own. */
const MIN_LINK_FRAMES = 10;
/** Frames on each side of a candidate voice change that are compared (one second at 25 fps). */
const CHANGE_WINDOW_FRAMES = 25;
/** The least a cut leaves on each side. */
const MIN_PIECE_FRAMES = 12;

/** Voice id per analysis frame, -1 where unvoiced. */
export function assignVoices({ evidence, params }: AssignVoicesInput): Int32Array {
  const voices = new Int32Array(evidence.frameCount).fill(-1);
  if (!evidence.voiceActivity) return voices;
  let pieces = splitAtCuts(
    voicedRuns(
      voicedFrames({
        voiceActivity: evidence.voiceActivity,
        onset: params.voiceOnset,
        offset: params.voiceOffset,
        minPauseFrames: Math.max(1, Math.round(params.voiceSplitPauseSeconds * evidence.fps)),
        minVoicedFrames: 1,
      }),
    ),
    evidence.shots,
  );
  const useFeatures =
    evidence.voiceFeatures !== null && (params.voiceChangeDistance > 0 || params.voiceLinkDistance > 0);
  if (!useFeatures || pieces.length === 0) {
    pieces.forEach((piece, i) => voices.fill(i, piece.start, piece.end));
    return voices;
  }
  const directions = standardisedFeatures(evidence.voiceFeatures!, pieces);
  if (params.voiceChangeDistance > 0)
    pieces = pieces.flatMap((piece) => splitAtVoiceChanges(piece, directions, params.voiceChangeDistance));
  const ids =
    params.voiceLinkDistance > 0
      ? linkWithinShots({ pieces, directions, evidence, maxDistance: params.voiceLinkDistance })
      : pieces.map((_, i) => i);
  pieces.forEach((piece, i) => voices.fill(ids[i]!, piece.start, piece.end));
  return voices;
}

/** A voice never runs across a cut: pieces are split at each shot's first frame. */
function splitAtCuts(pieces: Piece[], shots: DecisionEvidence["shots"]): Piece[] {
  const cuts = shots.map((shot) => shot.startFrame);
  return pieces.flatMap((piece) => {
    const out: Piece[] = [];
    let start = piece.start;
    for (const cut of cuts)
      if (cut > start && cut < piece.end) {
        out.push({ start, end: cut });
        start = cut;
      }
    out.push({ start, end: piece.end });
    return out;
  });
}

/**
 * Voice features standardised over the speech frames (each dimension to zero mean, unit variance), as running sums
 * so that the mean direction of any frame range costs one subtraction per dimension.
 */
interface Directions {
  dims: number;
  /** (frameCount + 1) × dims prefix sums of the standardised features. */
  prefix: Float64Array;
}

function standardisedFeatures(
  features: NonNullable<DecisionEvidence["voiceFeatures"]>,
  speech: Piece[],
): Directions {
  const { dims, values } = features;
  const frameCount = values.length / dims;
  const mean = new Float64Array(dims);
  const squares = new Float64Array(dims);
  let n = 0;
  for (const piece of speech)
    for (let f = piece.start; f < piece.end; f++, n++)
      for (let d = 0; d < dims; d++) {
        const v = values[f * dims + d]!;
        mean[d] = mean[d]! + v;
        squares[d] = squares[d]! + v * v;
      }
  const deviation = new Float64Array(dims);
  for (let d = 0; d < dims; d++) {
    mean[d] = mean[d]! / n;
    deviation[d] = Math.sqrt(Math.max(1e-9, squares[d]! / n - mean[d]! * mean[d]!));
  }
  const prefix = new Float64Array((frameCount + 1) * dims);
  for (let f = 0; f < frameCount; f++)
    for (let d = 0; d < dims; d++)
      prefix[(f + 1) * dims + d] = prefix[f * dims + d]! + (values[f * dims + d]! - mean[d]!) / deviation[d]!;
  return { dims, prefix };
}

/** Sum of the standardised features over [start, end). */
function directionOf({ dims, prefix }: Directions, start: number, end: number): Float64Array {
  const out = new Float64Array(dims);
  for (let d = 0; d < dims; d++) out[d] = prefix[end * dims + d]! - prefix[start * dims + d]!;
  return out;
}

/** 1 − cosine similarity: 0 for the same direction, 1 for orthogonal, 2 for opposite. */
function cosineDistance(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let d = 0; d < a.length; d++) {
    dot += a[d]! * b[d]!;
    aa += a[d]! * a[d]!;
    bb += b[d]! * b[d]!;
  }
  return aa > 0 && bb > 0 ? 1 - dot / Math.sqrt(aa * bb) : 0;
}

/** Speech with no pause between two voices: cut where the second before and after point apart most, recursively. */
function splitAtVoiceChanges(piece: Piece, directions: Directions, threshold: number): Piece[] {
  let best = { at: -1, distance: threshold };
  for (let t = piece.start + MIN_PIECE_FRAMES; t <= piece.end - MIN_PIECE_FRAMES; t++) {
    const before = directionOf(directions, Math.max(piece.start, t - CHANGE_WINDOW_FRAMES), t);
    const after = directionOf(directions, t, Math.min(piece.end, t + CHANGE_WINDOW_FRAMES));
    const distance = cosineDistance(before, after);
    if (distance > best.distance) best = { at: t, distance };
  }
  if (best.at < 0) return [piece];
  return [
    ...splitAtVoiceChanges({ start: piece.start, end: best.at }, directions, threshold),
    ...splitAtVoiceChanges({ start: best.at, end: piece.end }, directions, threshold),
  ];
}

interface LinkInput {
  pieces: Piece[];
  directions: Directions;
  evidence: DecisionEvidence;
  maxDistance: number;
}

/**
 * Per shot, agglomerative linking of its pieces by the direction of their summed features: the two closest voices
 * merge while the shot has more voices than faces and they are closer than maxDistance. Returns a voice id per piece.
 */
function linkWithinShots({ pieces, directions, evidence, maxDistance }: LinkInput): number[] {
  const ids = pieces.map((_, i) => i);
  for (const shot of evidence.shots) {
    const faces = evidence.tracks.filter(
      (t) => t.startFrame < shot.endFrame && t.startFrame + t.frameCount > shot.startFrame,
    ).length;
    const clusters: VoiceCluster[] = [];
    pieces.forEach((piece, i) => {
      if (piece.start < shot.startFrame || piece.start >= shot.endFrame) return;
      if (piece.end - piece.start < MIN_LINK_FRAMES) return;
      clusters.push({ direction: directionOf(directions, piece.start, piece.end), members: [i] });
    });
    for (const cluster of mergeClosest(clusters, Math.max(1, faces), maxDistance))
      for (const member of cluster.members) ids[member] = cluster.members[0]!;
  }
  return ids;
}

interface VoiceCluster {
  direction: Float64Array;
  members: number[];
}

/**
 * Merges the two closest clusters until `keep` are left or none are nearer than maxDistance. Each cluster remembers
 * its nearest neighbour, so an hour-long shot's thousands of pieces cost O(n²), not O(n³).
 */
function mergeClosest(input: VoiceCluster[], keep: number, maxDistance: number): VoiceCluster[] {
  const clusters: (VoiceCluster | null)[] = [...input];
  const nearest = new Int32Array(clusters.length).fill(-1);
  const nearestDistance = new Float64Array(clusters.length).fill(Infinity);
  const findNearest = (a: number) => {
    nearest[a] = -1;
    nearestDistance[a] = Infinity;
    for (let b = 0; b < clusters.length; b++) {
      if (b === a || !clusters[b]) continue;
      const distance = cosineDistance(clusters[a]!.direction, clusters[b]!.direction);
      if (distance < nearestDistance[a]!) {
        nearest[a] = b;
        nearestDistance[a] = distance;
      }
    }
  };
  for (let a = 0; a < clusters.length; a++) findNearest(a);
  for (let alive = clusters.length; alive > keep; alive--) {
    let a = -1;
    for (let c = 0; c < clusters.length; c++)
      if (clusters[c] && (a < 0 || nearestDistance[c]! < nearestDistance[a]!)) a = c;
    if (a < 0 || !(nearestDistance[a]! < maxDistance)) break;
    const b = nearest[a]!;
    const [kept, gone] = [clusters[Math.min(a, b)]!, clusters[Math.max(a, b)]!];
    kept.direction = kept.direction.map((v, d) => v + gone.direction[d]!);
    kept.members.push(...gone.members);
    clusters[Math.max(a, b)] = null;
    const merged = Math.min(a, b);
    findNearest(merged);
    for (let c = 0; c < clusters.length; c++) {
      if (!clusters[c] || c === merged) continue;
      if (nearest[c] === a || nearest[c] === b) findNearest(c);
      else {
        const distance = cosineDistance(clusters[c]!.direction, kept.direction);
        if (distance < nearestDistance[c]!) {
          nearest[c] = merged;
          nearestDistance[c] = distance;
        }
      }
    }
  }
  return clusters.filter((c): c is VoiceCluster => c !== null);
}
