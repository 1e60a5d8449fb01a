import { ASD_CROP_SIZE_PX } from "./asd-model-kind";
import {
  addFrameGlobalMax,
  addSpatialMaxPool,
  type VisualGraphContext,
  type VisualValue,
} from "./visual-layout";

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

/** How one visual encoder block computes, for assembleBlockStages. */
export interface VisualBlockSpec {
  /** Per-frame tensors each block's spatial part hands to its temporal part (parallel branches). */
  branches: number;
  temporalRadius: number;
  needsMask: boolean;
  inputTrims?: number[];
  /** Block `block`'s per-frame convs (stride 2 in block 0), one output per branch. */
  spatial(ctx: VisualGraphContext, input: VisualValue, block: number): VisualValue[];
  /** Block `block`'s temporal convs, merged into one per-frame tensor. */
  temporal(ctx: VisualGraphContext, inputs: VisualValue[], block: number): VisualValue;
}

/**
 * Stages of the three-block visual encoder that LR-ASD and Light-ASD share (32/64/128 channels at 56/28/14 px):
 * the stem is block 1's spatial part; each later stage is a block's temporal part, a 3×3 max pool and the next
 * block's spatial part, and the last one ends in the per-frame global max (the 128-wide embedding).
 */
export function assembleBlockStages(spec: VisualBlockSpec): VisualStage[] {
  const channels = [32, 64, 128];
  const sizes = [56, 28, 14];
  const shapes = (block: number): VisualFrameShape[] =>
    Array.from({ length: spec.branches }, () => ({
      channels: channels[block]!,
      height: sizes[block]!,
      width: sizes[block]!,
    }));
  const stages: VisualStage[] = [
    {
      temporalRadius: 0,
      needsMask: false,
      inputs: [{ channels: 1, height: ASD_CROP_SIZE_PX, width: ASD_CROP_SIZE_PX }],
      outputs: shapes(0),
      build: (ctx, [video]) => spec.spatial(ctx, video!, 0),
    },
  ];
  for (let block = 0; block < 3; block++) {
    stages.push({
      temporalRadius: spec.temporalRadius,
      needsMask: spec.needsMask,
      ...(spec.inputTrims ? { inputTrims: spec.inputTrims } : {}),
      inputs: shapes(block),
      outputs: block < 2 ? shapes(block + 1) : [],
      build: (ctx, inputs) => {
        const merged = spec.temporal(ctx, inputs, block);
        return block < 2
          ? spec.spatial(ctx, addSpatialMaxPool(ctx, merged), block + 1)
          : addFrameGlobalMax(ctx, merged);
      },
    });
  }
  return stages;
}
