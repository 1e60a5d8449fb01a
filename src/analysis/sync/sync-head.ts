// A sync head: two linear maps, fitted by canonical correlation analysis on speech whose audio and lips are in
// sync, that take an ASD model's per-frame visual and audio embeddings to K components each. Where a face's lips
// produce the soundtrack the paired components rise and fall together; where they move to other speech they do
// not. The ASD models themselves are almost blind to this (scores with audio shifted ±0.8 s barely move), so
// this is the cue that tells two moving mouths apart.
import { z } from "zod";
import heads from "./sync-heads.json";

export const syncHeadSchema = z.object({
  /** ASD model id whose embeddings the head reads. */
  model: z.string(),
  /** Number of canonical components K. */
  components: z.number().int().positive(),
  /** Embedding width (128 for LR-ASD and Light-ASD). */
  embedSize: z.number().int().positive(),
  /** Centred window, in analysis frames, over which correlations are taken. */
  windowFrames: z.number().int().positive(),
  visualMean: z.array(z.number()),
  /** embedSize × K, row-major. */
  visualProjection: z.array(z.number()),
  audioMean: z.array(z.number()),
  audioProjection: z.array(z.number()),
  /** How the head was fitted and validated (clips, their sha256, held-out pairwise accuracy). */
  provenance: z.object({
    fittedOn: z.array(z.object({ file: z.string(), sha256: z.string(), frames: z.number() })),
    whitenedDimensions: z.number().int().positive(),
    heldOutPairwiseAccuracy: z.number(),
    heldOutWindows: z.number().int(),
    command: z.string(),
  }),
});
export type SyncHead = z.infer<typeof syncHeadSchema>;

/**
 * A head is used only when its held-out pairwise accuracy (3 s windows, scripts/fit-sync-head.ts) reached this.
 * The alternative it replaces, ranking faces that all look like speaking by ASD score, is at chance (50%) on that
 * question, so 80% is a clear gain while still refusing a head that did not generalise.
 */
export const MIN_HELD_OUT_ACCURACY = 0.8;

const parsed = z.array(syncHeadSchema).parse(heads);

/** The validated sync head for an ASD model id, or null (e.g. TalkNet, or a head that failed validation). */
export function syncHeadFor(model: string): SyncHead | null {
  const head = parsed.find((h) => h.model === model);
  return head && head.provenance.heldOutPairwiseAccuracy >= MIN_HELD_OUT_ACCURACY ? head : null;
}
