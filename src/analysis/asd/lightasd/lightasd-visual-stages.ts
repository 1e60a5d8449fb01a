import { ASD_CROP_SIZE_PX } from "../asd-model-kind";
import {
  addFrameGlobalMax,
  addSpatialConvBnRelu,
  addSpatialMaxPool,
  addTemporalConvBnRelu,
  type VisualGraphContext,
  type VisualValue,
} from "../visual-layout";
import type { VisualStage } from "../visual-stage";

const PREFIX = "model.visualEncoder";

/**
 * Light-ASD's visual encoder cut before each block's temporal convs. A block has two branches from the same
 * input (3×3 then t=3, 5×5 then t=5), summed and merged by a 1×1×1 conv. The stem and the temporal stages
 * carry two per-frame tensors (the two branches' spatial outputs). Edge radius: 2 per block, 6 frames in all.
 */
export function lightasdVisualStages(): VisualStage[] {
  const channels = [32, 64, 128];
  const sizes = [56, 28, 14];
  const shape = (block: number) => ({
    channels: channels[block]!,
    height: sizes[block]!,
    width: sizes[block]!,
  });
  const spatial = (ctx: VisualGraphContext, input: VisualValue, block: number): VisualValue[] => {
    const p = `${PREFIX}.block${block + 1}`;
    const stride = block === 0 ? 2 : 1;
    return [
      addSpatialConvBnRelu(ctx, input, { conv: `${p}.s_3.weight`, batchNorm: `${p}.bn_s_3`, stride }),
      addSpatialConvBnRelu(ctx, input, { conv: `${p}.s_5.weight`, batchNorm: `${p}.bn_s_5`, stride }),
    ];
  };
  const temporal = (ctx: VisualGraphContext, [x3, x5]: VisualValue[], block: number): VisualValue => {
    const p = `${PREFIX}.block${block + 1}`;
    // In "valid" mode the t=3 branch's input arrives one frame shorter per side (inputTrims), so both branches
    // come out aligned without a crop.
    const y3 = addTemporalConvBnRelu(ctx, x3!, { conv: `${p}.t_3.weight`, batchNorm: `${p}.bn_t_3` });
    const y5 = addTemporalConvBnRelu(ctx, x5!, { conv: `${p}.t_5.weight`, batchNorm: `${p}.bn_t_5` });
    const sum: VisualValue = { ...y5, name: ctx.g.op("Add", [y3.name, y5.name]) };
    return addSpatialConvBnRelu(ctx, sum, { conv: `${p}.last.weight`, batchNorm: `${p}.bn_last` });
  };

  const stages: VisualStage[] = [
    {
      temporalRadius: 0,
      needsMask: false,
      inputs: [{ channels: 1, height: ASD_CROP_SIZE_PX, width: ASD_CROP_SIZE_PX }],
      outputs: [shape(0), shape(0)],
      build: (ctx, [video]) => spatial(ctx, video!, 0),
    },
  ];
  for (let block = 0; block < 3; block++) {
    stages.push({
      temporalRadius: 2,
      needsMask: false,
      inputTrims: [1, 0],
      inputs: [shape(block), shape(block)],
      outputs: block < 2 ? [shape(block + 1), shape(block + 1)] : [],
      build: (ctx, inputs) => {
        const merged = temporal(ctx, inputs, block);
        return block < 2
          ? spatial(ctx, addSpatialMaxPool(ctx, merged), block + 1)
          : addFrameGlobalMax(ctx, merged);
      },
    });
  }
  return stages;
}
