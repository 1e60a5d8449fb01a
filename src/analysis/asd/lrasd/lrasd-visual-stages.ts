import { ASD_CROP_SIZE_PX } from "../asd-model-kind";
import {
  addFrameGlobalMax,
  addSpatialConvBnRelu,
  addSpatialMaxPool,
  addTemporalConvBnRelu,
  addTimeMask,
  type VisualGraphContext,
  type VisualValue,
} from "../visual-layout";
import type { VisualStage } from "../visual-stage";

const PREFIX = "model.visualEncoder";

/**
 * LR-ASD's visual encoder cut before each block's temporal convs: stem (block1 spatial), then per block
 * t_1 (5 frames) and t_2 (3 frames) with pool + the next block's spatial convs riding along.
 * Each block reaches 2 + 1 frames per side; 9 frames in all.
 */
export function lrasdVisualStages(): VisualStage[] {
  const channels = [32, 64, 128];
  const sizes = [56, 28, 14];
  const shape = (block: number) => ({
    channels: channels[block]!,
    height: sizes[block]!,
    width: sizes[block]!,
  });
  const spatial = (ctx: VisualGraphContext, input: VisualValue, block: number): VisualValue => {
    const p = `${PREFIX}.block${block + 1}`;
    const first = addSpatialConvBnRelu(ctx, input, {
      conv: `${p}.s_1.weight`,
      batchNorm: `${p}.s_norm_1`,
      stride: block === 0 ? 2 : 1,
    });
    return addSpatialConvBnRelu(ctx, first, { conv: `${p}.s_2.weight`, batchNorm: `${p}.s_norm_2` });
  };
  const temporal = (ctx: VisualGraphContext, input: VisualValue, block: number): VisualValue => {
    const p = `${PREFIX}.block${block + 1}`;
    const first = addTemporalConvBnRelu(ctx, input, { conv: `${p}.t_1.weight`, batchNorm: `${p}.t_norm_1` });
    // t_2 zero-pads t_1's output at the chunk edges: mask the frames outside the chunk.
    return addTemporalConvBnRelu(ctx, addTimeMask(ctx, first), {
      conv: `${p}.t_2.weight`,
      batchNorm: `${p}.t_norm_2`,
    });
  };

  const stages: VisualStage[] = [
    {
      temporalRadius: 0,
      needsMask: false,
      inputs: [{ channels: 1, height: ASD_CROP_SIZE_PX, width: ASD_CROP_SIZE_PX }],
      outputs: [shape(0)],
      build: (ctx, [video]) => [spatial(ctx, video!, 0)],
    },
  ];
  for (let block = 0; block < 3; block++) {
    stages.push({
      temporalRadius: 3,
      needsMask: true,
      inputs: [shape(block)],
      outputs: block < 2 ? [shape(block + 1)] : [],
      build: (ctx, [x]) => {
        const y = temporal(ctx, x!, block);
        return block < 2 ? [spatial(ctx, addSpatialMaxPool(ctx, y), block + 1)] : addFrameGlobalMax(ctx, y);
      },
    });
  }
  return stages;
}
