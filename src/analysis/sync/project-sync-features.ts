import type { SyncHead } from "./sync-head";

export interface ProjectSyncFeaturesInput {
  head: SyncHead;
  /** frames × embedSize, row-major (one ASD model's visual or audio embeddings). */
  embeddings: Float32Array;
  side: "visual" | "audio";
}

/** Per-frame canonical components, frames × K row-major. */
export function projectSyncFeatures({ head, embeddings, side }: ProjectSyncFeaturesInput): Float32Array {
  const { embedSize: d, components: k } = head;
  const mean = side === "visual" ? head.visualMean : head.audioMean;
  const projection = side === "visual" ? head.visualProjection : head.audioProjection;
  const frames = Math.floor(embeddings.length / d);
  const out = new Float32Array(frames * k);
  for (let t = 0; t < frames; t++) {
    for (let j = 0; j < k; j++) {
      let sum = 0;
      for (let i = 0; i < d; i++) sum += (embeddings[t * d + i]! - mean[i]!) * projection[i * k + j]!;
      out[t * k + j] = sum;
    }
  }
  return out;
}
