import { addSpatialConvBnRelu, addTemporalConvBnRelu, addTimeMask } from "../visual-layout";
import { assembleBlockStages, type VisualStage } from "../visual-stage";

const PREFIX = "model.visualEncoder";

/**
 * LR-ASD's visual encoder cut before each block's temporal convs: stem (block1 spatial), then per block
 * t_1 (5 frames) and t_2 (3 frames) with pool + the next block's spatial convs riding along.
 * Each block reaches 2 + 1 frames per side; 9 frames in all.
 */
export function lrasdVisualStages(): VisualStage[] {
  return assembleBlockStages({
    branches: 1,
    temporalRadius: 3,
    needsMask: true,
    spatial: (ctx, input, block) => {
      const p = `${PREFIX}.block${block + 1}`;
      const first = addSpatialConvBnRelu(ctx, input, {
        conv: `${p}.s_1.weight`,
        batchNorm: `${p}.s_norm_1`,
        stride: block === 0 ? 2 : 1,
      });
      return [addSpatialConvBnRelu(ctx, first, { conv: `${p}.s_2.weight`, batchNorm: `${p}.s_norm_2` })];
    },
    temporal: (ctx, [x], block) => {
      const p = `${PREFIX}.block${block + 1}`;
      const first = addTemporalConvBnRelu(ctx, x!, { conv: `${p}.t_1.weight`, batchNorm: `${p}.t_norm_1` });
      // t_2 zero-pads t_1's output at the chunk edges: mask the frames outside the chunk.
      return addTemporalConvBnRelu(ctx, addTimeMask(ctx, first), {
        conv: `${p}.t_2.weight`,
        batchNorm: `${p}.t_norm_2`,
      });
    },
  });
}
