import type { GraphBuilder } from "./create-graph-builder";
import { batchNormAffine, type BatchNormParams } from "./fold-batch-norm";

export interface AddBatchNormOptions {
  input: string;
  batchNorm: BatchNormParams;
  /** Rank of the input and the axis that holds the channels (1 for NC..., rank-1 for channel-last). */
  rank: number;
  channelAxis: number;
  name: string;
}

/** An eval BatchNorm that cannot be folded into a neighbouring conv, as x * scale + shift. */
export function addBatchNorm(g: GraphBuilder, options: AddBatchNormOptions): string {
  const { scale, shift } = batchNormAffine(options.batchNorm);
  const dims = [scale.length, ...new Array<number>(options.rank - 1 - options.channelAxis).fill(1)];
  const scaled = g.op("Mul", [
    options.input,
    g.initializer(`${options.name}.scale`, Float32Array.from(scale), dims),
  ]);
  return g.op("Add", [scaled, g.initializer(`${options.name}.shift`, Float32Array.from(shift), dims)]);
}
