// Audio encoder: SE-ResNet (layers 3-4-6-3, 16..128 channels) over the MFCC "image" [coefficient, time].
import { addBatchNorm, addConv, addReduce, foldBatchNorm, type GraphBuilder } from "../../onnx-builder";
import { talknetBatchNorm } from "./talknet-batch-norm";
import { TALKNET_AUDIO_STAGES } from "./talknet-tensor-layout";
import type { TalknetWeights } from "./verify-talknet-checkpoint";

const BN_EPS = 1e-5;
const SE_REDUCTION = 8;

export interface AddTalknetAudioEncoderOptions {
  /** MFCC [B, nA, 13], 100 frames/s. */
  audio: string;
  weights: TalknetWeights;
  tap?: (name: string, value: string) => void;
}

/** Returns the audio embedding [B, ⌈⌈nA/2⌉/2⌉, 128] (= [B, T, 128] for nA = 4T). */
export function addTalknetAudioEncoder(g: GraphBuilder, options: AddTalknetAudioEncoderOptions): string {
  const { weights } = options;
  const p = "model.audioEncoder";
  // [B, nA, 13] -> [B, 1, 13, nA]: H is the coefficient axis, W is time.
  let x = g.op("Transpose", [g.op("Unsqueeze", [options.audio, g.int64s([1])])], { perm: [0, 1, 3, 2] });
  const stem = foldBatchNorm({
    weight: weights.tensor(`${p}.conv1.weight`),
    batchNorm: talknetBatchNorm(weights, `${p}.bn1`, BN_EPS),
  });
  x = addConv(g, {
    input: x,
    weight: stem.weight,
    weightShape: [16, 1, 7, 7],
    bias: stem.bias,
    strides: [2, 1],
    padding: [3, 3],
    name: `${p}.conv1`,
  });
  x = g.op("Relu", [x]);
  options.tap?.("audio_stem", x);

  for (const [stage, blocks, cin, cout, stride] of TALKNET_AUDIO_STAGES) {
    for (let b = 0; b < blocks; b++) {
      x = addSeBasicBlock(g, {
        input: x,
        weights,
        prefix: `${p}.${stage}.${b}`,
        cin: b === 0 ? cin : cout,
        cout,
        stride: b === 0 ? stride : 1,
      });
    }
    options.tap?.(`audio_${stage}`, x);
  }
  // [B, 128, 2, T'] -> mean over the coefficient rows -> [B, T', 128]
  x = addReduce(g, { op: "ReduceMean", input: x, axes: [2] });
  return g.op("Transpose", [x], { perm: [0, 2, 1] });
}

interface SeBasicBlockOptions {
  input: string;
  weights: TalknetWeights;
  prefix: string;
  cin: number;
  cout: number;
  stride: number;
}

/** conv1 -> ReLU -> bn1 (this order), conv2 -> bn2, squeeze-excite gate, + shortcut, ReLU. */
function addSeBasicBlock(g: GraphBuilder, options: SeBasicBlockOptions): string {
  const { weights, prefix, cin, cout, stride, input } = options;
  let y = addConv(g, {
    input,
    weight: weights.tensor(`${prefix}.conv1.weight`),
    weightShape: [cout, cin, 3, 3],
    strides: [stride, stride],
    padding: [1, 1],
    name: `${prefix}.conv1`,
  });
  // bn1 follows the ReLU and feeds a zero-padded conv, so it stays a separate affine.
  y = addBatchNorm(g, {
    input: g.op("Relu", [y]),
    batchNorm: talknetBatchNorm(weights, `${prefix}.bn1`, BN_EPS),
    rank: 4,
    channelAxis: 1,
    name: `${prefix}.bn1`,
  });
  const second = foldBatchNorm({
    weight: weights.tensor(`${prefix}.conv2.weight`),
    batchNorm: talknetBatchNorm(weights, `${prefix}.bn2`, BN_EPS),
  });
  y = addConv(g, {
    input: y,
    weight: second.weight,
    weightShape: [cout, cout, 3, 3],
    bias: second.bias,
    padding: [1, 1],
    name: `${prefix}.conv2`,
  });

  // SE gate from the whole chunk's average; its two Linear layers run as 1x1 convs on [B, C, 1, 1].
  const squeezed = cout / SE_REDUCTION;
  let s = g.op("GlobalAveragePool", [y]);
  s = addConv(g, {
    input: s,
    weight: weights.tensor(`${prefix}.se.fc.0.weight`),
    weightShape: [squeezed, cout, 1, 1],
    bias: weights.tensor(`${prefix}.se.fc.0.bias`),
    name: `${prefix}.se.fc.0`,
  });
  s = addConv(g, {
    input: g.op("Relu", [s]),
    weight: weights.tensor(`${prefix}.se.fc.2.weight`),
    weightShape: [cout, squeezed, 1, 1],
    bias: weights.tensor(`${prefix}.se.fc.2.bias`),
    name: `${prefix}.se.fc.2`,
  });
  y = g.op("Mul", [y, g.op("Sigmoid", [s])]);

  let shortcut = input;
  if (stride !== 1 || cin !== cout) {
    const down = foldBatchNorm({
      weight: weights.tensor(`${prefix}.downsample.0.weight`),
      batchNorm: talknetBatchNorm(weights, `${prefix}.downsample.1`, BN_EPS),
    });
    shortcut = addConv(g, {
      input,
      weight: down.weight,
      weightShape: [cout, cin, 1, 1],
      bias: down.bias,
      strides: [stride, stride],
      name: `${prefix}.downsample.0`,
    });
  }
  return g.op("Relu", [g.op("Add", [y, shortcut])]);
}
