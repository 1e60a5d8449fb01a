import type { GraphBuilder } from "./create-graph-builder";

/** Exact (erf) GELU, 0.5·x·(1 + erf(x/√2)), in the op pattern onnxruntime fuses into one kernel. */
export function addGelu(g: GraphBuilder, input: string): string {
  const scaled = g.op("Div", [input, g.scalar(Math.SQRT2)]);
  const erf = g.op("Erf", [scaled]);
  const onePlus = g.op("Add", [erf, g.scalar(1)]);
  const product = g.op("Mul", [input, onePlus]);
  return g.op("Mul", [product, g.scalar(0.5)]);
}
