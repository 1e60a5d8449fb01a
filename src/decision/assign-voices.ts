// Stretches of one voice. Speech is cut into pieces at every dip of the voice activity of at least
// voiceSplitPauseSeconds (a breath between turns is often shorter than a pause that makes nobody speak). Pieces
// whose voice features are alike (a diagonal-Gaussian likelihood ratio per frame below voiceLinkDistance) are then
// linked into one voice, so a voice heard again pools its lip-sync evidence with its earlier turns. Pure.
import type { DecisionEvidence } from "./decide-speakers";
import type { DecisionParams } from "./decision-params";
import { voicedFrames, voicedRuns } from "./voiced-frames";

export interface AssignVoicesInput {
  evidence: DecisionEvidence;
  params: DecisionParams;
}

/** Pieces shorter than this many frames are too short to tell a voice by; they stay on their own. */
const MIN_LINK_FRAMES = 10;

/** Voice id per analysis frame, -1 where unvoiced. */
export function assignVoices({ evidence, params }: AssignVoicesInput): Int32Array {
  const voices = new Int32Array(evidence.frameCount).fill(-1);
  if (!evidence.voiceActivity) return voices;
  let pieces = voicedRuns(
    voicedFrames({
      voiceActivity: evidence.voiceActivity,
      onset: params.voiceOnset,
      offset: params.voiceOffset,
      minPauseFrames: Math.max(1, Math.round(params.voiceSplitPauseSeconds * evidence.fps)),
      minVoicedFrames: 1,
    }),
  );
  if (evidence.voiceFeatures && params.voiceChangeDistance > 0)
    pieces = splitAtVoiceChanges(pieces, evidence.voiceFeatures, params.voiceChangeDistance);
  const ids =
    evidence.voiceFeatures && params.voiceLinkDistance > 0
      ? linkPieces(pieces, evidence.voiceFeatures, params.voiceLinkDistance)
      : pieces.map((_, i) => i);
  pieces.forEach((run, i) => voices.fill(ids[i]!, run.start, run.end));
  return voices;
}

/** Frames on each side of a candidate change that are compared, and the least a piece keeps on each side. */
const CHANGE_WINDOW_FRAMES = 25;
const MIN_PIECE_FRAMES = 12;

/**
 * Speech with no pause between two voices: a piece is cut where the voice features of the second before and the
 * second after differ most, while that difference is at least `threshold` (the distance voices are linked by).
 */
function splitAtVoiceChanges(
  pieces: { start: number; end: number }[],
  features: { dims: number; values: readonly number[] },
  threshold: number,
): { start: number; end: number }[] {
  const { dims, values } = features;
  const out: { start: number; end: number }[] = [];
  const statsOf = (from: number, to: number): Stats => {
    const stats: Stats = { n: to - from, sum: new Float64Array(dims), squares: new Float64Array(dims) };
    for (let f = from; f < to; f++)
      for (let d = 0; d < dims; d++) {
        const v = values[f * dims + d]!;
        stats.sum[d] = stats.sum[d]! + v;
        stats.squares[d] = stats.squares[d]! + v * v;
      }
    return stats;
  };
  const split = (piece: { start: number; end: number }) => {
    let best = { at: -1, distance: threshold };
    for (let t = piece.start + MIN_PIECE_FRAMES; t <= piece.end - MIN_PIECE_FRAMES; t++) {
      const left = statsOf(Math.max(piece.start, t - CHANGE_WINDOW_FRAMES), t);
      const right = statsOf(t, Math.min(piece.end, t + CHANGE_WINDOW_FRAMES));
      const distance = voiceDistance(left, right);
      if (distance > best.distance) best = { at: t, distance };
    }
    if (best.at < 0) {
      out.push(piece);
      return;
    }
    split({ start: piece.start, end: best.at });
    split({ start: best.at, end: piece.end });
  };
  for (const piece of pieces) split(piece);
  return out;
}

interface Stats {
  n: number;
  sum: Float64Array;
  squares: Float64Array;
}

/** Agglomerative linking: repeatedly merge the two closest voices while their distance is below `threshold`. */
function linkPieces(
  pieces: { start: number; end: number }[],
  features: { dims: number; values: readonly number[] },
  threshold: number,
): number[] {
  const { dims, values } = features;
  const clusters: { stats: Stats; members: number[] }[] = [];
  const ids = pieces.map((_, i) => i);
  pieces.forEach((piece, i) => {
    if (piece.end - piece.start < MIN_LINK_FRAMES) return;
    const stats: Stats = { n: 0, sum: new Float64Array(dims), squares: new Float64Array(dims) };
    for (let f = piece.start; f < piece.end; f++) {
      stats.n++;
      for (let d = 0; d < dims; d++) {
        const v = values[f * dims + d]!;
        stats.sum[d] = stats.sum[d]! + v;
        stats.squares[d] = stats.squares[d]! + v * v;
      }
    }
    clusters.push({ stats, members: [i] });
  });
  for (;;) {
    let best = { a: -1, b: -1, distance: threshold };
    for (let a = 0; a < clusters.length; a++)
      for (let b = a + 1; b < clusters.length; b++) {
        const distance = voiceDistance(clusters[a]!.stats, clusters[b]!.stats);
        if (distance < best.distance) best = { a, b, distance };
      }
    if (best.a < 0) break;
    const [a, b] = [clusters[best.a]!, clusters[best.b]!];
    a.stats = merged(a.stats, b.stats);
    a.members.push(...b.members);
    clusters.splice(best.b, 1);
  }
  for (const cluster of clusters) for (const member of cluster.members) ids[member] = cluster.members[0]!;
  return ids;
}

function logDeterminant(s: Stats): number {
  let total = 0;
  for (let d = 0; d < s.sum.length; d++) {
    const mean = s.sum[d]! / s.n;
    total += Math.log(Math.max(1e-3, s.squares[d]! / s.n - mean * mean));
  }
  return total;
}

function merged(a: Stats, b: Stats): Stats {
  return {
    n: a.n + b.n,
    sum: a.sum.map((v, d) => v + b.sum[d]!),
    squares: a.squares.map((v, d) => v + b.squares[d]!),
  };
}

/** Generalised likelihood ratio of "two voices" over "one", per frame of the shorter, per dimension. */
function voiceDistance(a: Stats, b: Stats): number {
  const both = merged(a, b);
  const ratio = (both.n * logDeterminant(both) - a.n * logDeterminant(a) - b.n * logDeterminant(b)) / 2;
  return ratio / Math.min(a.n, b.n) / a.sum.length;
}
