// Visual temporal path: five depthwise-separable V-TCN blocks, then visualConv1D 512 -> 256 -> 128.
import { addBatchNorm, addConv, foldBatchNorm, type GraphBuilder } from "../../onnx-builder";
import { addGlobalLayerNorm } from "./add-global-layer-norm";
import { talknetBatchNorm } from "./talknet-batch-norm";
import { TALKNET_TCN_BLOCKS } from "./talknet-tensor-layout";
import type { TalknetWeights } from "./verify-talknet-checkpoint";

const BN_EPS = 1e-5;
const GLN_EPS = 1e-8;

export interface AddTalknetVisualTemporalOptions {
  /** Per-frame visual features [B, T, 512]. */
  frames: string;
  weights: TalknetWeights;
  tap?: (name: string, value: string) => void;
}

/** Returns the visual embedding [B, T, 128]. */
export function addTalknetVisualTemporal(g: GraphBuilder, options: AddTalknetVisualTemporalOptions): string {
  const { weights } = options;
  let x = g.op("Transpose", [options.frames], { perm: [0, 2, 1] }); // [B, 512, T]
  for (let i = 0; i < TALKNET_TCN_BLOCKS; i++) {
    const p = `model.visualTCN.net.${i}.net`;
    // ReLU -> BN -> depthwise conv: the BN sits before a zero-padded conv, so it cannot be folded into it.
    let y = g.op("Relu", [x]);
    y = addBatchNorm(g, {
      input: y,
      batchNorm: talknetBatchNorm(weights, `${p}.1`, BN_EPS),
      rank: 3,
      channelAxis: 1,
      name: `${p}.1`,
    });
    y = addConv(g, {
      input: y,
      weight: weights.tensor(`${p}.2.weight`),
      weightShape: [512, 1, 3],
      padding: [1],
      group: 512,
      name: `${p}.2`,
    });
    // One slope shared by all channels; ONNX PRelu broadcasts the [1] tensor.
    y = g.op("PRelu", [y, g.initializer(`${p}.3.weight`, weights.tensor(`${p}.3.weight`), [1])]);
    y = addGlobalLayerNorm(g, {
      input: y,
      gamma: weights.tensor(`${p}.4.gamma`),
      beta: weights.tensor(`${p}.4.beta`),
      eps: GLN_EPS,
      name: `${p}.4`,
    });
    y = addConv(g, {
      input: y,
      weight: weights.tensor(`${p}.5.weight`),
      weightShape: [512, 512, 1],
      name: `${p}.5`,
    });
    x = g.op("Add", [y, x]); // the residual is the block input, taken before the leading ReLU
    options.tap?.(`visual_tcn_block${i}`, x);
  }

  const p = "model.visualConv1D.net";
  const first = foldBatchNorm({
    weight: weights.tensor(`${p}.0.weight`),
    bias: weights.tensor(`${p}.0.bias`),
    batchNorm: talknetBatchNorm(weights, `${p}.1`, BN_EPS),
  });
  x = addConv(g, {
    input: x,
    weight: first.weight,
    weightShape: [256, 512, 5],
    bias: first.bias,
    padding: [2],
    name: `${p}.0`,
  });
  x = g.op("Relu", [x]);
  x = addConv(g, {
    input: x,
    weight: weights.tensor(`${p}.3.weight`),
    weightShape: [128, 256, 1],
    bias: weights.tensor(`${p}.3.bias`),
    name: `${p}.3`,
  });
  return g.op("Transpose", [x], { perm: [0, 2, 1] });
}
