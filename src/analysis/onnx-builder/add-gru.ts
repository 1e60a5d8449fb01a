import type { GraphBuilder } from "./create-graph-builder";

/** One PyTorch nn.GRU layer's tensors: row blocks [reset r | update z | new n]. */
export interface PyTorchGruWeights {
  /** [3H, I] */
  weightIh: Float32Array;
  /** [3H, H] */
  weightHh: Float32Array;
  /** [3H] */
  biasIh: Float32Array;
  /** [3H] */
  biasHh: Float32Array;
}

export interface AddGruOptions {
  /** Time-major input [T, B, inputSize]. */
  input: string;
  inputSize: number;
  hiddenSize: number;
  /** "reverse" equals running on the time-flipped sequence and flipping the output back. */
  direction: "forward" | "reverse" | "bidirectional";
  /** One cell, or two for "bidirectional" (forward cell first). */
  cells: readonly PyTorchGruWeights[];
  name: string;
}

/**
 * ONNX GRU from PyTorch weights, initial state 0. PyTorch's gate blocks (r, z, n) are reordered to ONNX's
 * (z, r, h), and linear_before_reset=1 keeps b_hn inside the reset product as PyTorch does.
 * Returns Y with layout [T, directions, B, H].
 */
export function addGru(g: GraphBuilder, options: AddGruOptions): string {
  const { inputSize, hiddenSize: h, cells } = options;
  const directions = options.direction === "bidirectional" ? 2 : 1;
  if (cells.length !== directions)
    throw new Error(`GRU ${options.name}: ${cells.length} cells for ${directions}`);
  const w = new Float32Array(directions * 3 * h * inputSize);
  const r = new Float32Array(directions * 3 * h * h);
  const b = new Float32Array(directions * 6 * h);
  cells.forEach((cell, d) => {
    // ONNX block k takes PyTorch block ORDER[k]: z <- 1, r <- 0, h <- 2.
    const order = [1, 0, 2];
    order.forEach((source, k) => {
      w.set(
        cell.weightIh.subarray(source * h * inputSize, (source + 1) * h * inputSize),
        (d * 3 + k) * h * inputSize,
      );
      r.set(cell.weightHh.subarray(source * h * h, (source + 1) * h * h), (d * 3 + k) * h * h);
      b.set(cell.biasIh.subarray(source * h, (source + 1) * h), d * 6 * h + k * h);
      b.set(cell.biasHh.subarray(source * h, (source + 1) * h), d * 6 * h + (3 + k) * h);
    });
  });
  const [y] = g.node(
    "GRU",
    [
      options.input,
      g.initializer(`${options.name}.W`, w, [directions, 3 * h, inputSize]),
      g.initializer(`${options.name}.R`, r, [directions, 3 * h, h]),
      g.initializer(`${options.name}.B`, b, [directions, 6 * h]),
    ],
    {
      attributes: { hidden_size: h, direction: options.direction, linear_before_reset: 1 },
      outputs: [g.uniqueName(`${options.name}.Y`)],
    },
  );
  return y!;
}
