import type { GraphBuilder } from "./create-graph-builder";

export interface AddReduceOptions {
  op: "ReduceMax" | "ReduceMean" | "ReduceSum";
  input: string;
  axes: readonly number[];
  keepDims?: boolean;
}

/** Reduction over `axes`, handling the opset-17 split (ReduceSum takes axes as an input, the others as an attribute). */
export function addReduce(g: GraphBuilder, options: AddReduceOptions): string {
  const keepdims = options.keepDims ? 1 : 0;
  if (options.op === "ReduceSum" || g.opsetVersion >= 18) {
    return g.op(options.op, [options.input, g.int64s(options.axes)], { keepdims });
  }
  return g.op(options.op, [options.input], { axes: [...options.axes], keepdims });
}
