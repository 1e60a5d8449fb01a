// TalkNet's attentionLayer: one post-norm Transformer encoder layer whose query is `tar` and whose key, value
// and first residual are `src` (cross-attention when they differ, self-attention when they are the same).
import { addLayerNorm, addLinear, type GraphBuilder } from "../../onnx-builder";
import { addMultiHeadAttention } from "../../onnx-builder/add-multi-head-attention";
import type { TalknetWeights } from "./verify-talknet-checkpoint";

const HEADS = 8;
const LN_EPS = 1e-5;

export interface AddTalknetAttentionLayerOptions {
  /** Key/value source and residual, [B, T, d]. */
  src: string;
  /** Query source, [B, T, d]. */
  tar: string;
  /** "model.crossA2V", "model.crossV2A" or "model.selfAV". */
  prefix: string;
  dModel: number;
  weights: TalknetWeights;
  tap?: (name: string, value: string) => void;
}

/** LN2(x + FFN(x)) with x = LN1(src + MHA(Q = tar, K = V = src)); dropout is the identity in eval. */
export function addTalknetAttentionLayer(g: GraphBuilder, options: AddTalknetAttentionLayerOptions): string {
  const { weights, prefix: p, dModel: d } = options;
  const tensor = (name: string) => weights.tensor(`${p}.${name}`);
  const attention = addMultiHeadAttention(g, {
    query: options.tar,
    keyValue: options.src,
    weights: {
      inProjWeight: tensor("self_attn.in_proj_weight"),
      inProjBias: tensor("self_attn.in_proj_bias"),
      outProjWeight: tensor("self_attn.out_proj.weight"),
      outProjBias: tensor("self_attn.out_proj.bias"),
    },
    embedDim: d,
    numHeads: HEADS,
    name: `${p}.self_attn`,
  });
  const label = p.slice(p.lastIndexOf(".") + 1);
  options.tap?.(`${label}_attn_out`, attention);
  const x = addLayerNorm(g, {
    input: g.op("Add", [options.src, attention]),
    weight: tensor("norm1.weight"),
    bias: tensor("norm1.bias"),
    eps: LN_EPS,
    name: `${p}.norm1`,
  });
  options.tap?.(`${label}_norm1`, x);
  const hidden = addLinear(g, {
    input: x,
    weight: tensor("linear1.weight"),
    bias: tensor("linear1.bias"),
    outFeatures: 4 * d,
    inFeatures: d,
    name: `${p}.linear1`,
  });
  const ffn = addLinear(g, {
    input: g.op("Relu", [hidden]),
    weight: tensor("linear2.weight"),
    bias: tensor("linear2.bias"),
    outFeatures: d,
    inFeatures: 4 * d,
    name: `${p}.linear2`,
  });
  return addLayerNorm(g, {
    input: g.op("Add", [x, ffn]),
    weight: tensor("norm2.weight"),
    bias: tensor("norm2.bias"),
    eps: LN_EPS,
    name: `${p}.norm2`,
  });
}
