import type { VisualGraphContext, VisualValue } from "./visual-layout";

/** Per-frame activation shape of one stage input or output. */
export interface VisualFrameShape {
  channels: number;
  height: number;
  width: number;
}

/**
 * One slice of a visual encoder: temporal convs (parallel branches or stacked layers) followed by per-frame work
 * up to the next temporal conv. Stage 0 is the per-frame stem (p = 0) that reads the video.
 * Splitting the encoder here lets chunk-edge frames be recomputed layer by layer (see score-track.ts).
 */
export interface VisualStage {
  /** Frames the stage's temporal convs reach on each side (sum over stacked layers); 0 for the stem. */
  temporalRadius: number;
  /** Stacked temporal convs: in "valid" mode the stage takes a [B, T] frame mask (see addTimeMask). */
  needsMask: boolean;
  /** Per-frame inputs (for the stem: one 1×112×112 video frame). */
  inputs: VisualFrameShape[];
  /**
   * Stage graphs only: input j is fed with inputTrims[j] fewer frames at each end than the stage window (a
   * narrower temporal branch), so parallel branches line up without cropping. Default 0.
   */
  inputTrims?: number[];
  /** Per-frame outputs; empty for the last stage, which yields the [B, T, 128] visual embedding. */
  outputs: VisualFrameShape[];
  /** Adds the stage's ops; returns its per-frame outputs, or the embedding name for the last stage. */
  build(ctx: VisualGraphContext, inputs: VisualValue[]): VisualValue[] | string;
}
