import { addSpatialConvBnRelu, addTemporalConvBnRelu, type VisualValue } from "../visual-layout";
import { assembleBlockStages, type VisualStage } from "../visual-stage";

const PREFIX = "model.visualEncoder";

/**
 * Light-ASD's visual encoder cut before each block's temporal convs. A block has two branches from the same
 * input (3×3 then t=3, 5×5 then t=5), summed and merged by a 1×1×1 conv. The stem and the temporal stages
 * carry two per-frame tensors (the two branches' spatial outputs). Edge radius: 2 per block, 6 frames in all.
 */
export function lightasdVisualStages(): VisualStage[] {
  return assembleBlockStages({
    branches: 2,
    temporalRadius: 2,
    needsMask: false,
    inputTrims: [1, 0],
    spatial: (ctx, input, block) => {
      const p = `${PREFIX}.block${block + 1}`;
      const stride = block === 0 ? 2 : 1;
      return [
        addSpatialConvBnRelu(ctx, input, { conv: `${p}.s_3.weight`, batchNorm: `${p}.bn_s_3`, stride }),
        addSpatialConvBnRelu(ctx, input, { conv: `${p}.s_5.weight`, batchNorm: `${p}.bn_s_5`, stride }),
      ];
    },
    temporal: (ctx, [x3, x5], block) => {
      const p = `${PREFIX}.block${block + 1}`;
      // In "valid" mode the t=3 branch's input arrives one frame shorter per side (inputTrims), so both
      // branches come out aligned without a crop.
      const y3 = addTemporalConvBnRelu(ctx, x3!, { conv: `${p}.t_3.weight`, batchNorm: `${p}.bn_t_3` });
      const y5 = addTemporalConvBnRelu(ctx, x5!, { conv: `${p}.t_5.weight`, batchNorm: `${p}.bn_t_5` });
      const sum: VisualValue = { ...y5, name: ctx.g.op("Add", [y3.name, y5.name]) };
      return addSpatialConvBnRelu(ctx, sum, { conv: `${p}.last.weight`, batchNorm: `${p}.bn_last` });
    },
  });
}
