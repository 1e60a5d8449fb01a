import type { GraphBuilder } from "./create-graph-builder";

export interface AddLinearOptions {
  /** [..., in] */
  input: string;
  /** PyTorch layout [out, in]. */
  weight: Float32Array;
  outFeatures: number;
  inFeatures: number;
  bias?: Float32Array;
  name: string;
}

/** PyTorch nn.Linear on the last axis: x · Wᵀ + b, as MatMul (+ Add). */
export function addLinear(g: GraphBuilder, options: AddLinearOptions): string {
  const { outFeatures, inFeatures } = options;
  const transposed = new Float32Array(inFeatures * outFeatures);
  for (let o = 0; o < outFeatures; o++) {
    for (let i = 0; i < inFeatures; i++)
      transposed[i * outFeatures + o] = options.weight[o * inFeatures + i]!;
  }
  const product = g.op("MatMul", [
    options.input,
    g.initializer(`${options.name}.weight_t`, transposed, [inFeatures, outFeatures]),
  ]);
  if (!options.bias) return product;
  return g.op("Add", [product, g.initializer(`${options.name}.bias`, options.bias, [outFeatures])]);
}
