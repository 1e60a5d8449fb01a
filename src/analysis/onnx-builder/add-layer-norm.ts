import type { GraphBuilder } from "./create-graph-builder";

export interface AddLayerNormOptions {
  input: string;
  weight: Float32Array;
  bias: Float32Array;
  eps: number;
  name: string;
}

/** PyTorch nn.LayerNorm over the last axis (biased variance, elementwise affine). */
export function addLayerNorm(g: GraphBuilder, options: AddLayerNormOptions): string {
  const size = options.weight.length;
  return g.op(
    "LayerNormalization",
    [
      options.input,
      g.initializer(`${options.name}.weight`, options.weight, [size]),
      g.initializer(`${options.name}.bias`, options.bias, [size]),
    ],
    { axis: -1, epsilon: { float: options.eps } },
  );
}
