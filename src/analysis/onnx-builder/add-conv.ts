import type { GraphBuilder } from "./create-graph-builder";

export interface AddConvOptions {
  input: string;
  /** [out, in/group, ...kernel] */
  weight: Float32Array;
  weightShape: readonly number[];
  bias?: Float32Array;
  /** Per spatial axis; default 1. */
  strides?: readonly number[];
  /** Symmetric zero padding per spatial axis; default 0. */
  padding?: readonly number[];
  group?: number;
  /** Prefix for the initializer names. */
  name: string;
}

/** ONNX Conv (1-D, 2-D or 3-D by the weight's rank) with zero padding. */
export function addConv(g: GraphBuilder, options: AddConvOptions): string {
  const spatial = options.weightShape.length - 2;
  const padding = options.padding ?? new Array<number>(spatial).fill(0);
  const inputs = [
    options.input,
    g.initializer(`${options.name}.weight`, options.weight, options.weightShape),
  ];
  if (options.bias) inputs.push(g.initializer(`${options.name}.bias`, options.bias, [options.bias.length]));
  return g.op("Conv", inputs, {
    kernel_shape: options.weightShape.slice(2),
    strides: [...(options.strides ?? new Array<number>(spatial).fill(1))],
    pads: [...padding, ...padding],
    group: options.group ?? 1,
  });
}
