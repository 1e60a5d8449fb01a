import type { GraphBuilder } from "./create-graph-builder";
import { addLinear } from "./add-linear";

export interface AddSigmoidGateOptions {
  /** [..., features] */
  input: string;
  /** Gate projection [features, features] (PyTorch [out, in]) and bias, e.g. a kernel-1 conv with its BN folded in. */
  weight: Float32Array;
  bias?: Float32Array;
  features: number;
  name: string;
}

/** y = x ⊙ sigmoid(x·Wᵀ + b): a per-feature multiplicative gate computed from the input itself. */
export function addSigmoidGate(g: GraphBuilder, options: AddSigmoidGateOptions): string {
  const projected = addLinear(g, {
    input: options.input,
    weight: options.weight,
    ...(options.bias ? { bias: options.bias } : {}),
    outFeatures: options.features,
    inFeatures: options.features,
    name: options.name,
  });
  return g.op("Mul", [options.input, g.op("Sigmoid", [projected])]);
}
