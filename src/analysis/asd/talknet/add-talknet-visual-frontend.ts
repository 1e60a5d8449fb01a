// Visual frontend: per-frame 3-D conv stem + ResNet-18 trunk, [B, T, 112, 112] grey 0..255 -> [B, T, 512].
import { addBatchNorm, addConv, addMaxPool, foldBatchNorm, type GraphBuilder } from "../../onnx-builder";
import { talknetBatchNorm } from "./talknet-batch-norm";
import type { TalknetWeights } from "./verify-talknet-checkpoint";

/** In-graph pixel normalisation: (x / 255 − mean) / std. */
export const TALKNET_PIXEL_MEAN = 0.4161;
export const TALKNET_PIXEL_STD = 0.1688;
/** Named values where splitTalknetModel cuts the graph. */
export const TALKNET_VIDEO_PADDED = "video_padded";
export const TALKNET_VISUAL_FRONTEND = "visual_frontend512";

/** Every BatchNorm in TalkNet's visual frontend was built with eps 1e-3 (not PyTorch's default). */
const FRONTEND_BN_EPS = 1e-3;
const STAGES: ReadonlyArray<readonly [string, number, number, number]> = [
  ["layer1", 64, 64, 1],
  ["layer2", 64, 128, 2],
  ["layer3", 128, 256, 2],
  ["layer4", 256, 512, 2],
];

export interface AddTalknetVisualFrontendOptions {
  /** [B, T, 112, 112] float32 grey values 0..255. */
  video: string;
  weights: TalknetWeights;
  /** Called with intermediate values (for debug outputs). */
  tap?: (name: string, value: string) => void;
}

/**
 * Returns `visual_frontend512` [B, T, 512]. Each clip is its own Conv3d batch item, so B > 1 never mixes clips
 * (upstream folds B·T into the Conv3d's time axis, which would).
 */
export function addTalknetVisualFrontend(g: GraphBuilder, options: AddTalknetVisualFrontendOptions): string {
  const { weights } = options;
  const p = "model.visualFrontend";
  // Same three float32 steps as upstream: x / 255, - 0.4161, / 0.1688 (before the conv's zero padding).
  let x = g.op("Div", [options.video, g.scalar(255)]);
  x = g.op("Sub", [x, g.scalar(TALKNET_PIXEL_MEAN)]);
  x = g.op("Div", [x, g.scalar(TALKNET_PIXEL_STD)]);
  // The Conv3d's temporal zero padding is an explicit Pad, so that the graph can be split right after it
  // (splitTalknetModel): the chunk scorer then feeds windows whose zeros stand for a chunk edge.
  x = g.node("Pad", [x, g.int64s([0, 2, 0, 0, 0, 2, 0, 0])], { outputs: [TALKNET_VIDEO_PADDED] })[0]!;
  x = g.op("Unsqueeze", [x, g.int64s([1])]); // [B, 1, T + 4, 112, 112]

  const stem = foldBatchNorm({
    weight: weights.tensor(`${p}.frontend3D.0.weight`),
    batchNorm: talknetBatchNorm(weights, `${p}.frontend3D.1`, FRONTEND_BN_EPS),
  });
  x = addConv(g, {
    input: x,
    weight: stem.weight,
    weightShape: [64, 1, 5, 7, 7],
    bias: stem.bias,
    strides: [1, 2, 2],
    padding: [0, 3, 3],
    name: `${p}.frontend3D.0`,
  });
  x = g.op("Relu", [x]);
  x = addMaxPool(g, { input: x, kernel: [1, 3, 3], strides: [1, 2, 2], padding: [0, 1, 1] });
  options.tap?.("visual_frontend3d", x);
  const stemOut = x;
  // [B, 64, T, 28, 28] -> [B·T, 64, 28, 28]: the trunk is per frame.
  x = g.op("Transpose", [x], { perm: [0, 2, 1, 3, 4] });
  x = g.op("Reshape", [x, g.int64s([-1, 64, 28, 28])]);

  for (const [stage, cin, cout, stride] of STAGES) {
    x = addResnetStage(g, { input: x, weights, prefix: `${p}.resnet.${stage}`, cin, cout, stride });
    options.tap?.(`visual_resnet_${stage}`, x);
  }
  // AvgPool2d(4, stride 1) on the 4x4 map of a 112x112 input is a global average.
  x = g.op("GlobalAveragePool", [x]);
  // [B, T] from the stem output (not from `video`, which the split-off stage does not have).
  const batchAndTime = g.op("Gather", [g.op("Shape", [stemOut]), g.int64s([0, 2])], { axis: 0 });
  const frames = g.op("Reshape", [x, g.op("Concat", [batchAndTime, g.int64s([512])], { axis: 0 })]);
  return g.node("Identity", [frames], { outputs: [TALKNET_VISUAL_FRONTEND] })[0]!;
}

interface ResnetStageOptions {
  input: string;
  weights: TalknetWeights;
  prefix: string;
  cin: number;
  cout: number;
  stride: number;
}

/** Two basic blocks; note the second residual adds the pre-BN sum s1, and conv2a/conv2b have no BN of their own. */
function addResnetStage(g: GraphBuilder, options: ResnetStageOptions): string {
  const { weights, prefix, cin, cout, stride, input } = options;
  const conv = (x: string, name: string, inChannels: number, convStride: number, bn?: string): string => {
    const weight = weights.tensor(`${prefix}.${name}.weight`);
    const folded = bn
      ? foldBatchNorm({ weight, batchNorm: talknetBatchNorm(weights, `${prefix}.${bn}`, FRONTEND_BN_EPS) })
      : { weight, bias: undefined };
    const kernel = name === "downsample" ? 1 : 3;
    return addConv(g, {
      input: x,
      weight: folded.weight,
      weightShape: [cout, inChannels, kernel, kernel],
      ...(folded.bias ? { bias: folded.bias } : {}),
      strides: [convStride, convStride],
      padding: kernel === 3 ? [1, 1] : [0, 0],
      name: `${prefix}.${name}`,
    });
  };
  const bn = (x: string, name: string) =>
    addBatchNorm(g, {
      input: x,
      batchNorm: talknetBatchNorm(weights, `${prefix}.${name}`, FRONTEND_BN_EPS),
      rank: 4,
      channelAxis: 1,
      name: `${prefix}.${name}`,
    });

  let y = g.op("Relu", [conv(input, "conv1a", cin, stride, "bn1a")]);
  y = conv(y, "conv2a", cout, 1);
  const shortcut = stride === 1 ? input : conv(input, "downsample", cin, stride);
  const s1 = g.op("Add", [y, shortcut]);
  let z = g.op("Relu", [bn(s1, "outbna")]);
  z = g.op("Relu", [conv(z, "conv1b", cout, 1, "bn1b")]);
  z = conv(z, "conv2b", cout, 1);
  const s2 = g.op("Add", [z, s1]);
  return g.op("Relu", [bn(s2, "outbnb")]);
}
