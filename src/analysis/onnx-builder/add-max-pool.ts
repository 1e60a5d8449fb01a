import type { GraphBuilder } from "./create-graph-builder";

export interface AddMaxPoolOptions {
  input: string;
  kernel: readonly number[];
  strides: readonly number[];
  /** Symmetric padding per spatial axis; padded cells never win (PyTorch -inf semantics). */
  padding: readonly number[];
}

/** ONNX MaxPool, floor mode, like PyTorch's MaxPoolNd with ceil_mode=False. */
export function addMaxPool(g: GraphBuilder, options: AddMaxPoolOptions): string {
  return g.op("MaxPool", [options.input], {
    kernel_shape: [...options.kernel],
    strides: [...options.strides],
    pads: [...options.padding, ...options.padding],
  });
}
