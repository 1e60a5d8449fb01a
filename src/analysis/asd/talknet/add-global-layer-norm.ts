import { addReduce, type GraphBuilder } from "../../onnx-builder";

export interface AddGlobalLayerNormOptions {
  /** [B, C, T] */
  input: string;
  /** [C] each (stored as (1, C, 1) in the checkpoint). */
  gamma: Float32Array;
  beta: Float32Array;
  eps: number;
  name: string;
}

/**
 * Conv-TasNet's GlobalLayerNorm: one mean and (biased) variance per batch item over all channels and all time
 * steps of the chunk, then a per-channel affine: gamma · (y − μ) / √(var + eps) + beta.
 */
export function addGlobalLayerNorm(g: GraphBuilder, options: AddGlobalLayerNormOptions): string {
  const channels = options.gamma.length;
  const mean = addReduce(g, { op: "ReduceMean", input: options.input, axes: [1, 2], keepDims: true });
  const centred = g.op("Sub", [options.input, mean]);
  const variance = addReduce(g, {
    op: "ReduceMean",
    input: g.op("Mul", [centred, centred]),
    axes: [1, 2],
    keepDims: true,
  });
  const scaled = g.op("Mul", [centred, g.initializer(`${options.name}.gamma`, options.gamma, [channels, 1])]);
  const normalised = g.op("Div", [scaled, g.op("Sqrt", [g.op("Add", [variance, g.scalar(options.eps)])])]);
  return g.op("Add", [normalised, g.initializer(`${options.name}.beta`, options.beta, [channels, 1])]);
}
