import { addLinear } from "./add-linear";
import type { GraphBuilder } from "./create-graph-builder";

/** The tensors of one PyTorch nn.MultiheadAttention with packed projections (kdim = vdim = embed dim). */
export interface PyTorchMultiHeadAttentionWeights {
  /** [3d, d], row blocks [query | key | value]. */
  inProjWeight: Float32Array;
  /** [3d] */
  inProjBias: Float32Array;
  /** [d, d] */
  outProjWeight: Float32Array;
  /** [d] */
  outProjBias: Float32Array;
}

export interface AddMultiHeadAttentionOptions {
  /** Batch-first query [B, Tq, d]. */
  query: string;
  /** Batch-first key/value source [B, Tk, d]. */
  keyValue: string;
  weights: PyTorchMultiHeadAttentionWeights;
  embedDim: number;
  numHeads: number;
  name: string;
}

/**
 * nn.MultiheadAttention in eval (no masks, no bias_k/v, dropout off), batch-first, returning the output after
 * out_proj [B, Tq, d]. Heads are contiguous column blocks; Q is divided by √head_dim before Q·Kᵀ (PyTorch's
 * order) and the softmax runs over the keys.
 */
export function addMultiHeadAttention(g: GraphBuilder, options: AddMultiHeadAttentionOptions): string {
  const { embedDim: d, numHeads: heads, weights, name } = options;
  if (d % heads !== 0) throw new Error(`attention ${name}: ${d} is not divisible into ${heads} heads`);
  const headDim = d / heads;
  const project = (input: string, block: number, label: string) =>
    addLinear(g, {
      input,
      weight: weights.inProjWeight.subarray(block * d * d, (block + 1) * d * d),
      bias: weights.inProjBias.subarray(block * d, (block + 1) * d),
      outFeatures: d,
      inFeatures: d,
      name: `${name}.${label}`,
    });
  // [B, T, d] -> [B, T, heads, headDim]; 0 copies B and T from the input, so both stay dynamic.
  const splitHeads = g.int64s([0, 0, heads, headDim]);
  const q = g.op("Transpose", [g.op("Reshape", [project(options.query, 0, "q_proj"), splitHeads])], {
    perm: [0, 2, 1, 3],
  });
  const kT = g.op("Transpose", [g.op("Reshape", [project(options.keyValue, 1, "k_proj"), splitHeads])], {
    perm: [0, 2, 3, 1],
  });
  const v = g.op("Transpose", [g.op("Reshape", [project(options.keyValue, 2, "v_proj"), splitHeads])], {
    perm: [0, 2, 1, 3],
  });
  const scaled = g.op("Div", [q, g.scalar(Math.fround(Math.sqrt(headDim)))]);
  const attention = g.op("Softmax", [g.op("MatMul", [scaled, kT])], { axis: -1 });
  const context = g.op("Transpose", [g.op("MatMul", [attention, v])], { perm: [0, 2, 1, 3] });
  const merged = g.op("Reshape", [context, g.int64s([0, 0, d])]);
  return addLinear(g, {
    input: merged,
    weight: weights.outProjWeight,
    bias: weights.outProjBias,
    outFeatures: d,
    inFeatures: d,
    name: `${name}.out_proj`,
  });
}
