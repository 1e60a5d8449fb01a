// Fits a sync head by canonical correlation analysis (CCA) and validates it on clips held out of the fit. Used by
// scripts/fit-sync-head.ts only (ml-matrix is a dev dependency); analysis reads the fitted numbers from JSON.
import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { projectSyncFeatures } from "./project-sync-features";
import type { SyncHead } from "./sync-head";

/** One clip's embeddings from a face whose lips produce the soundtrack: frames × embedSize each. */
export interface SyncedClip {
  name: string;
  visual: Float32Array;
  audio: Float32Array;
}

export interface FitSyncHeadInput {
  model: string;
  clips: readonly SyncedClip[];
  embedSize: number;
  components: number;
  /** Each side is whitened to its top principal dimensions first (regularises the fit). */
  whitenedDimensions: number;
  windowFrames: number;
}

export type FittedSyncHead = Omit<SyncHead, "provenance">;

export function fitSyncHead(input: FitSyncHeadInput): FittedSyncHead {
  const { embedSize: d, components: k, whitenedDimensions: w } = input;
  const stack = (side: "visual" | "audio") => {
    const rows: number[][] = [];
    for (const clip of input.clips) {
      const data = clip[side];
      for (let t = 0; t + d <= data.length; t += d) rows.push(Array.from(data.subarray(t, t + d)));
    }
    return new Matrix(rows);
  };
  const whiten = (m: Matrix) => {
    const mean = m.mean("column");
    const centred = m.clone().subRowVector(mean);
    const svd = new SingularValueDecomposition(centred, { autoTranspose: true });
    const scale = svd.diagonal.slice(0, w).map((s) => s / Math.sqrt(m.rows));
    const basis = svd.rightSingularVectors.subMatrix(0, d - 1, 0, w - 1);
    for (let j = 0; j < w; j++) for (let i = 0; i < d; i++) basis.set(i, j, basis.get(i, j) / scale[j]!);
    return { mean, basis, whitened: centred.mmul(basis) };
  };
  const x = whiten(stack("visual"));
  const y = whiten(stack("audio"));
  const cross = x.whitened.transpose().mmul(y.whitened).div(x.whitened.rows);
  const svd = new SingularValueDecomposition(cross);
  const visualProjection = x.basis.mmul(svd.leftSingularVectors.subMatrix(0, w - 1, 0, k - 1));
  const audioProjection = y.basis.mmul(svd.rightSingularVectors.subMatrix(0, w - 1, 0, k - 1));
  return {
    model: input.model,
    components: k,
    embedSize: d,
    windowFrames: input.windowFrames,
    visualMean: x.mean,
    visualProjection: visualProjection.to1DArray(),
    audioMean: y.mean,
    audioProjection: audioProjection.to1DArray(),
  };
}

/** Sum over the K components of the Pearson correlation between visual and audio components (frames × K). */
export function correlationSum(visual: Float32Array, audio: Float32Array, k: number): number {
  const frames = Math.min(visual.length, audio.length) / k;
  let total = 0;
  for (let j = 0; j < k; j++) {
    let sx = 0;
    let sy = 0;
    for (let t = 0; t < frames; t++) {
      sx += visual[t * k + j]!;
      sy += audio[t * k + j]!;
    }
    const mx = sx / frames;
    const my = sy / frames;
    let vx = 0;
    let vy = 0;
    let cxy = 0;
    for (let t = 0; t < frames; t++) {
      const a = visual[t * k + j]! - mx;
      const b = audio[t * k + j]! - my;
      vx += a * a;
      vy += b * b;
      cxy += a * b;
    }
    total += vx > 1e-12 && vy > 1e-12 ? cxy / Math.sqrt(vx * vy) : 0;
  }
  return total;
}

export interface HeldOutResult {
  components: number;
  windowFrames: number;
  /** Fraction of windows where the face that produced the audio out-scores another clip's face. */
  accuracy: number;
  windows: number;
}

/** The first k canonical components of a head (components are ordered by correlation). */
export function truncateHead(head: FittedSyncHead, k: number): FittedSyncHead {
  const take = (m: number[]) => m.filter((_, i) => i % head.components < k);
  return {
    ...head,
    components: k,
    visualProjection: take(head.visualProjection),
    audioProjection: take(head.audioProjection),
  };
}

/**
 * Leave-two-out validation: for every ordered pair (i, j) of clips, fit on the others, then in windows of each
 * length in `windows` (hop `hopFrames`) ask whether clip i's lips match clip i's audio better than clip j's lips
 * do. One fit per pair serves every component count in `componentChoices`.
 */
export function validateSyncHead(
  input: Omit<FitSyncHeadInput, "components" | "windowFrames"> & {
    componentChoices: readonly number[];
    windows: readonly number[];
    hopFrames: number;
  },
): HeldOutResult[] {
  const { clips, embedSize: d, componentChoices, windows, hopFrames } = input;
  const maxK = Math.max(...componentChoices);
  const tally = new Map<string, { wins: number; total: number }>();
  for (const audioClip of clips) {
    for (const other of clips) {
      if (other === audioClip) continue;
      const full = fitSyncHead({
        ...input,
        components: maxK,
        windowFrames: 0,
        clips: clips.filter((c) => c !== audioClip && c !== other),
      });
      for (const k of componentChoices) {
        const head = truncateHead(full, k) as SyncHead;
        const own = projectSyncFeatures({ head, embeddings: audioClip.visual, side: "visual" });
        const foreign = projectSyncFeatures({ head, embeddings: other.visual, side: "visual" });
        const audio = projectSyncFeatures({ head, embeddings: audioClip.audio, side: "audio" });
        const frames = Math.min(audioClip.audio.length, other.visual.length, audioClip.visual.length) / d;
        for (const win of windows) {
          const entry = tally.get(`${k}/${win}`) ?? { wins: 0, total: 0 };
          for (let s = 0; s + win <= frames; s += hopFrames) {
            const a = audio.subarray(s * k, (s + win) * k);
            const mine = correlationSum(own.subarray(s * k, (s + win) * k), a, k);
            const theirs = correlationSum(foreign.subarray(s * k, (s + win) * k), a, k);
            if (mine > theirs) entry.wins++;
            entry.total++;
          }
          tally.set(`${k}/${win}`, entry);
        }
      }
    }
  }
  return componentChoices.flatMap((components) =>
    windows.map((windowFrames) => {
      const { wins, total } = tally.get(`${components}/${windowFrames}`)!;
      return { components, windowFrames, accuracy: total ? wins / total : 0, windows: total };
    }),
  );
}
