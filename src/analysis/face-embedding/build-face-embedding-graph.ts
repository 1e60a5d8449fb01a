// The face-api.js face recognition net (a port of dlib's ResNet-29 face descriptor) as an ONNX graph, built from
// its TFJS weights with the project's graph builder. Mirrors FaceRecognitionNet.forwardInput of
// @vladmandic/face-api 1.7.15 op for op:
//   input RGB 0..255 [B,150,150,3] → (x - meanRgb) / 255 → conv 7×7/2 valid → max pool 3×3/2 valid
//   → 3 residual(32) → residualDown(64) + 3 residual → residualDown(128) + 2 → residualDown(256) + 2
//   → residualDown(256) → mean over H,W → fc 256→128.
// Every conv is conv + bias followed by a per-channel scale layer (x * w + b), folded here into the conv.
// residualDown adds the 2×2/2 average-pooled input, zero-padded in channels (and by one row/column at the end of
// H and W when the strided conv comes out one smaller), as TF does. TF 'same' padding of a 3×3 stride-1 conv is
// one pixel on each side. Pure.
import { addConv, addReduce, createGraphBuilder, type GraphBuilder } from "../onnx-builder";
import type { TfjsTensor } from "./read-tfjs-weights";

export const FACE_EMBEDDING_INPUT_PX = 150;
export const FACE_EMBEDDING_DIMS = 128;
/** Bump when the graph changes. */
export const FACE_EMBEDDING_GRAPH_VERSION = 1;
const MEAN_RGB = [122.782, 117.001, 104.298];

type Weights = Map<string, TfjsTensor>;

function tensor(weights: Weights, name: string): TfjsTensor {
  const t = weights.get(name);
  if (!t) throw new Error(`face recognition weights have no ${name}`);
  return t;
}

/** TF conv filters [kh, kw, in, out] + bias + scale layer → ONNX [out, in, kh, kw] weight and bias (float64 math). */
function foldedConv(
  weights: Weights,
  prefix: string,
): { weight: Float32Array; bias: Float32Array; shape: number[] } {
  const filters = tensor(weights, `${prefix}/conv/filters`);
  const bias = tensor(weights, `${prefix}/conv/bias`).data;
  const scale = tensor(weights, `${prefix}/scale/weights`).data;
  const shift = tensor(weights, `${prefix}/scale/biases`).data;
  const [kh, kw, cin, cout] = filters.shape as [number, number, number, number];
  const weight = new Float32Array(cout * cin * kh * kw);
  for (let y = 0; y < kh; y++)
    for (let x = 0; x < kw; x++)
      for (let i = 0; i < cin; i++)
        for (let o = 0; o < cout; o++) {
          const v = filters.data[((y * kw + x) * cin + i) * cout + o]!;
          weight[((o * cin + i) * kh + y) * kw + x] = v * scale[o]!;
        }
  const folded = new Float32Array(cout);
  for (let o = 0; o < cout; o++) folded[o] = bias[o]! * scale[o]! + shift[o]!;
  return { weight, bias: folded, shape: [cout, cin, kh, kw] };
}

function conv(g: GraphBuilder, weights: Weights, input: string, prefix: string, stride: number, pad: number) {
  const { weight, bias, shape } = foldedConv(weights, prefix);
  return addConv(g, {
    input,
    weight,
    weightShape: shape,
    bias,
    strides: [stride, stride],
    padding: [pad, pad],
    name: prefix,
  });
}

function residual(g: GraphBuilder, weights: Weights, x: string, prefix: string): string {
  const a = g.op("Relu", [conv(g, weights, x, `${prefix}/conv1`, 1, 1)]);
  const b = conv(g, weights, a, `${prefix}/conv2`, 1, 1);
  return g.op("Relu", [g.op("Add", [b, x])]);
}

/** `size` is the spatial size of `x`; returns the output and its size. */
function residualDown(
  g: GraphBuilder,
  weights: Weights,
  x: string,
  size: number,
  channelsIn: number,
  prefix: string,
): { out: string; size: number } {
  const a = g.op("Relu", [conv(g, weights, x, `${prefix}/conv1`, 2, 0)]);
  let b = conv(g, weights, a, `${prefix}/conv2`, 1, 1);
  const convSize = Math.floor((size - 3) / 2) + 1;
  const poolSize = Math.floor((size - 2) / 2) + 1;
  let pooled = g.op("AveragePool", [x], { kernel_shape: [2, 2], strides: [2, 2], pads: [0, 0, 0, 0] });
  const channelsOut = tensor(weights, `${prefix}/conv2/conv/bias`).data.length;
  if (poolSize !== convSize) {
    // TF concatenates one zero row and one zero column after the conv output.
    const extra = poolSize - convSize;
    b = g.op("Pad", [b, g.int64s([0, 0, 0, 0, 0, 0, extra, extra])], { mode: "constant" });
  }
  if (channelsOut !== channelsIn) {
    pooled = g.op("Pad", [pooled, g.int64s([0, 0, 0, 0, 0, channelsOut - channelsIn, 0, 0])], {
      mode: "constant",
    });
  }
  return { out: g.op("Relu", [g.op("Add", [pooled, b])]), size: poolSize };
}

export interface BuildFaceEmbeddingGraphOptions {
  weights: Weights;
  metadata?: Record<string, string>;
}

/** image float32 [B,150,150,3] RGB 0..255 → descriptor [B,128] (face-api's raw descriptor, not normalised). */
export function buildFaceEmbeddingGraph(options: BuildFaceEmbeddingGraphOptions): Uint8Array {
  const { weights } = options;
  const g = createGraphBuilder({ name: "faceapi-face-recognition" });
  const image = g.input("image", ["B", FACE_EMBEDDING_INPUT_PX, FACE_EMBEDDING_INPUT_PX, 3]);
  const mean = g.initializer("mean_rgb", Float32Array.from(MEAN_RGB), [3]);
  const centred = g.op("Div", [g.op("Sub", [image, mean]), g.scalar(255)]);
  const nchw = g.op("Transpose", [centred], { perm: [0, 3, 1, 2] });
  let x = g.op("Relu", [conv(g, weights, nchw, "conv32_down", 2, 0)]);
  let size = Math.floor((FACE_EMBEDDING_INPUT_PX - 7) / 2) + 1;
  x = g.op("MaxPool", [x], { kernel_shape: [3, 3], strides: [2, 2], pads: [0, 0, 0, 0] });
  size = Math.floor((size - 3) / 2) + 1;
  for (const name of ["conv32_1", "conv32_2", "conv32_3"]) x = residual(g, weights, x, name);
  const stages: [string, number, string[]][] = [
    ["conv64_down", 32, ["conv64_1", "conv64_2", "conv64_3"]],
    ["conv128_down", 64, ["conv128_1", "conv128_2"]],
    ["conv256_down", 128, ["conv256_1", "conv256_2"]],
    ["conv256_down_out", 256, []],
  ];
  for (const [down, channelsIn, blocks] of stages) {
    const next = residualDown(g, weights, x, size, channelsIn, down);
    x = next.out;
    size = next.size;
    for (const name of blocks) x = residual(g, weights, x, name);
  }
  const pooled = addReduce(g, { op: "ReduceMean", input: x, axes: [2, 3] });
  const fc = tensor(weights, "fc");
  const descriptor = g.op("MatMul", [pooled, g.initializer("fc", fc.data, fc.shape)]);
  g.output("descriptor", descriptor, ["B", FACE_EMBEDDING_DIMS]);
  return g.serialize({
    "speakerframe.face_embedding.graph_version": String(FACE_EMBEDDING_GRAPH_VERSION),
    ...options.metadata,
  });
}
