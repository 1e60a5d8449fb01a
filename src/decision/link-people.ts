// People from face tracks: which tracks show the same person across shots, decided from the tracks' face
// embeddings (`embedding`, unit-length 128-d face descriptors). Pure and browser-safe, like the decision of who
// speaks, so it is decided again whenever a timeline is read.
//
// Agglomerative clustering with average linkage on the Euclidean distance between unit embeddings:
// - two tracks that are on screen at the same time in the same shot are never one person (cannot-link);
// - clusters merge, closest first, while their average distance is below `linkDistance` (PERSON_LINK_DISTANCE);
// - each linked track's confidence comes from the distance margin: min(linkDistance - dOwn, dOther - dOwn) /
//   confidenceMargin, clamped to 0..1, where dOwn is its mean distance to the rest of its person and dOther its mean
//   distance to the nearest other person it could belong to;
// - a track whose link is unsure (confidence below `minLinkConfidence`) is split off into a person of its own.
// Tracks without an embedding are people of their own (confidence 1: nothing is linked).
import type { TimelinePerson } from "../timeline/timeline-schema";

/**
 * Average distance (unit embeddings) below which two groups of tracks are one person. Stricter than dlib's own
 * threshold for its raw descriptors (0.6, about 0.43 on unit ones: raw lengths are ≈ 1.4), since a wrong link frames
 * someone else while an unsure one only splits a person. Measured on the three generated three-person clips
 * (test/people-media.test.ts): one person's tracks 0.09–0.13 apart on average (pairs up to 0.19, 300 px faces);
 * different people 0.40 apart on average at the closest (the upscaled 224 px Light-ASD crop beside face_1), 0.52 and
 * up otherwise.
 */
export const PERSON_LINK_DISTANCE = 0.3;
/** Distance margin that makes a link fully confident (confidence 1). */
export const PERSON_CONFIDENCE_MARGIN = 0.1;
/** Links less confident than this are not made: the track stays a person of its own. */
export const PERSON_MIN_LINK_CONFIDENCE = 0.1;
/** A link at or above this confidence is a confident link (the acceptance test allows no wrong one). */
export const PERSON_CONFIDENT_LINK = 0.5;

export interface LinkPeopleTrack {
  id: number;
  shot: number;
  startFrame: number;
  frameCount: number;
  embedding?: readonly number[];
}

export interface LinkPeopleOptions {
  linkDistance?: number;
  confidenceMargin?: number;
  minLinkConfidence?: number;
}

export function embeddingDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

function unit(v: readonly number[]): Float64Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum) || 1;
  return Float64Array.from(v, (x) => x / norm);
}

export function linkPeople(
  tracks: readonly LinkPeopleTrack[],
  options: LinkPeopleOptions = {},
): TimelinePerson[] {
  const linkDistance = options.linkDistance ?? PERSON_LINK_DISTANCE;
  const margin = options.confidenceMargin ?? PERSON_CONFIDENCE_MARGIN;
  const minConfidence = options.minLinkConfidence ?? PERSON_MIN_LINK_CONFIDENCE;
  const withEmbedding = tracks.filter((t) => t.embedding && t.embedding.length > 0);
  const n = withEmbedding.length;
  const vectors = withEmbedding.map((t) => unit(t.embedding!));
  const distance = new Float64Array(n * n);
  const conflict = new Uint8Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) {
      const d = embeddingDistance(vectors[i]!, vectors[j]!);
      distance[i * n + j] = distance[j * n + i] = d;
      const a = withEmbedding[i]!;
      const b = withEmbedding[j]!;
      const overlap =
        a.shot === b.shot &&
        a.startFrame < b.startFrame + b.frameCount &&
        b.startFrame < a.startFrame + a.frameCount;
      conflict[i * n + j] = conflict[j * n + i] = overlap ? 1 : 0;
    }

  // Average linkage, closest pair first, on a cluster distance matrix kept up to date (Lance–Williams:
  // d(k, i∪j) = (|i| d(k, i) + |j| d(k, j)) / (|i| + |j|)); a merged cluster conflicts with whatever either did.
  const clusterDistance = Float64Array.from(distance);
  const clusterConflict = Uint8Array.from(conflict);
  const members: (number[] | null)[] = withEmbedding.map((_, i) => [i]);
  // Each live cluster's nearest mergeable neighbour (index, distance), so a merge costs O(n), not O(n²).
  const nearest = new Int32Array(n).fill(-1);
  const nearestDistance = new Float64Array(n).fill(Infinity);
  const findNearest = (a: number) => {
    nearest[a] = -1;
    nearestDistance[a] = Infinity;
    for (let b = 0; b < n; b++) {
      if (b === a || !members[b] || clusterConflict[a * n + b] === 1) continue;
      const d = clusterDistance[a * n + b]!;
      if (d < nearestDistance[a]!) {
        nearest[a] = b;
        nearestDistance[a] = d;
      }
    }
  };
  for (let a = 0; a < n; a++) findNearest(a);
  for (;;) {
    let bestA = -1;
    for (let a = 0; a < n; a++) {
      if (members[a] && nearest[a]! >= 0 && (bestA < 0 || nearestDistance[a]! < nearestDistance[bestA]!))
        bestA = a;
    }
    if (bestA < 0 || !(nearestDistance[bestA]! < linkDistance)) break;
    const bestB = nearest[bestA]!;
    const sizeA = members[bestA]!.length;
    const sizeB = members[bestB]!.length;
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bestA || k === bestB) continue;
      const d =
        (sizeA * clusterDistance[k * n + bestA]! + sizeB * clusterDistance[k * n + bestB]!) / (sizeA + sizeB);
      clusterDistance[k * n + bestA] = clusterDistance[bestA * n + k] = d;
      const c = clusterConflict[k * n + bestA]! | clusterConflict[k * n + bestB]!;
      clusterConflict[k * n + bestA] = clusterConflict[bestA * n + k] = c;
    }
    members[bestA] = [...members[bestA]!, ...members[bestB]!];
    members[bestB] = null;
    nearest[bestB] = -1;
    findNearest(bestA);
    for (let k = 0; k < n; k++) {
      if (!members[k] || k === bestA) continue;
      if (nearest[k] === bestA || nearest[k] === bestB) findNearest(k);
      else if (
        clusterConflict[k * n + bestA] === 0 &&
        clusterDistance[k * n + bestA]! < nearestDistance[k]!
      ) {
        nearest[k] = bestA;
        nearestDistance[k] = clusterDistance[k * n + bestA]!;
      }
    }
  }
  let clusters: number[][] = members.filter((m): m is number[] => m !== null);
  const average = (p: number[], q: number[]) => {
    let sum = 0;
    for (const i of p) for (const j of q) sum += distance[i * n + j]!;
    return sum / (p.length * q.length);
  };

  // Confidence per link; unsure links are undone.
  const confidenceOf = (i: number, own: number[], all: number[][]) => {
    const rest = own.filter((j) => j !== i);
    if (rest.length === 0) return 1;
    const dOwn = average([i], rest);
    let dOther = Infinity;
    for (const other of all) {
      if (other === own || other.some((j) => conflict[i * n + j] === 1)) continue;
      dOther = Math.min(dOther, average([i], other));
    }
    return Math.max(0, Math.min(1, Math.min(linkDistance - dOwn, dOther - dOwn) / margin));
  };
  for (let pass = 0; pass < n; pass++) {
    let weakest: { cluster: number[]; member: number; confidence: number } | null = null;
    for (const cluster of clusters) {
      if (cluster.length < 2) continue;
      for (const member of cluster) {
        const confidence = confidenceOf(member, cluster, clusters);
        if (confidence < minConfidence && (!weakest || confidence < weakest.confidence))
          weakest = { cluster, member, confidence };
      }
    }
    if (!weakest) break;
    const { cluster, member } = weakest;
    cluster.splice(cluster.indexOf(member), 1);
    clusters = [...clusters, [member]];
  }

  type Draft = { links: { track: LinkPeopleTrack; confidence: number }[]; first: number };
  const drafts: Draft[] = clusters.map((cluster) => ({
    links: cluster.map((i) => ({ track: withEmbedding[i]!, confidence: confidenceOf(i, cluster, clusters) })),
    first: 0,
  }));
  for (const track of tracks) {
    if (!track.embedding || track.embedding.length === 0)
      drafts.push({ links: [{ track, confidence: 1 }], first: 0 });
  }
  for (const draft of drafts) {
    draft.links.sort((p, q) => p.track.startFrame - q.track.startFrame || p.track.id - q.track.id);
    draft.first = draft.links[0]!.track.startFrame;
  }
  drafts.sort((p, q) => p.first - q.first || p.links[0]!.track.id - q.links[0]!.track.id);
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return drafts.map((draft, index) => ({
    id: index + 1,
    tracks: draft.links.map((link) => ({ track: link.track.id, confidence: round(link.confidence) })),
  }));
}

/** The person (id) each track belongs to. */
export function personOfTrack(people: readonly TimelinePerson[]): Map<number, number> {
  const map = new Map<number, number>();
  for (const person of people) for (const link of person.tracks) map.set(link.track, person.id);
  return map;
}

/** Mean unit embedding of a person's tracks (null when none has one). */
export function personCentroid(
  person: TimelinePerson,
  tracks: readonly LinkPeopleTrack[],
): Float64Array | null {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  let sum: Float64Array | null = null;
  for (const link of person.tracks) {
    const embedding = byId.get(link.track)?.embedding;
    if (!embedding || embedding.length === 0) continue;
    const v = unit(embedding);
    sum ??= new Float64Array(v.length);
    for (let i = 0; i < v.length; i++) sum[i]! += v[i]!;
  }
  return sum ? unit(Array.from(sum)) : null;
}
