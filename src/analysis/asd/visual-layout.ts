// Visual encoders keep each activation in one of two layouts and convert only when the next op needs the
// other one: "frames" [B·T, C, H, W] for per-frame (spatial) work, where onnxruntime's blocked 2-D convs are
// fastest, and "time" [B·S, C, T, H·W/S] for temporal convs, which become 2-D convs with a (k, 1) kernel. The
// pixel plane is split in S parts that go into the batch axis because onnxruntime spreads a conv over threads
// by batch (with B = 1, [B, C, T, H·W] runs on one core); halves keep the transposes' contiguous runs long.
import { getFloatTensor, type Checkpoint } from "../checkpoint";
import { addConv, foldBatchNorm, type GraphBuilder } from "../onnx-builder";
import { ASD_BATCH_NORM_EPS, ASD_PIXEL_MEAN, ASD_PIXEL_STD } from "./asd-model-kind";
import { readBatchNorm } from "./read-batch-norm";

/** S: parts of the pixel plane moved into the batch axis in the "time" layout (≥ the usual 2 threads). */
const TIME_SPLIT = 2;

export interface VisualValue {
  name: string;
  layout: "frames" | "time";
  channels: number;
  height: number;
  width: number;
  /** "valid" mode: frames lost at each end relative to the graph input (sum of temporal radii so far). */
  timeCrop?: number;
}

export interface VisualGraphContext {
  g: GraphBuilder;
  checkpoint: Checkpoint;
  /** int64 [1] tensor holding the batch size B (needed to split B·T again). */
  batch: string;
  /**
   * "same": temporal convs zero-pad like the reference (the graph input is one chunk);
   * "valid": no temporal padding, T shrinks by 2p (the caller supplies halo or zero frames itself).
   */
  temporalPadding: "same" | "valid";
  /**
   * "valid" mode only: [B, T] 1/0 per stage-input frame, 0 where the frame is padding outside the chunk. Applied
   * after inner temporal convs of a stage so that the next temporal conv sees zeros there, as zero padding would.
   */
  mask?: string;
}

export function toFrames(ctx: VisualGraphContext, value: VisualValue): VisualValue {
  if (value.layout === "frames") return value;
  const { g } = ctx;
  const { channels, height, width } = value;
  // [B·S, C, T, P] → [B, S, C, T, P] → [B, T, C, S, P] → [B·T, C, H, W]
  const split = g.op("Reshape", [value.name, splitShape(ctx, value)]);
  const transposed = g.op("Transpose", [split], { perm: [0, 3, 2, 1, 4] });
  const name = g.op("Reshape", [transposed, g.int64s([-1, channels, height, width])]);
  return { ...value, name, layout: "frames" };
}

export function toTime(ctx: VisualGraphContext, value: VisualValue): VisualValue {
  if (value.layout === "time") return value;
  const { g } = ctx;
  const { channels, height, width } = value;
  const plane = (height * width) / TIME_SPLIT;
  // [B·T, C, H, W] → [B, T, C, S, P] → [B, S, C, T, P] → [B·S, C, T, P]
  const frames = g.op("Concat", [ctx.batch, g.int64s([-1, channels, TIME_SPLIT, plane])], { axis: 0 });
  const transposed = g.op("Transpose", [g.op("Reshape", [value.name, frames])], { perm: [0, 3, 2, 1, 4] });
  const time = g.op("Slice", [g.op("Shape", [transposed]), g.int64s([3]), g.int64s([4])]);
  const shape = g.op("Concat", [g.int64s([-1, channels]), time, g.int64s([plane])], { axis: 0 });
  return { ...value, name: g.op("Reshape", [transposed, shape]), layout: "time" };
}

/** [B, S, C, -1, P] for a "time" value (its [B·S, C, T, P] split back into batch and plane parts). */
function splitShape(ctx: VisualGraphContext, value: VisualValue): string {
  const plane = (value.height * value.width) / TIME_SPLIT;
  return ctx.g.op("Concat", [ctx.batch, ctx.g.int64s([TIME_SPLIT, value.channels, -1, plane])], { axis: 0 });
}

export interface ConvBnReluOptions {
  /** State-dict name of the conv weight (5-D, [out, in, kt, kh, kw]). */
  conv: string;
  /** State-dict prefix of the BatchNorm that follows it. */
  batchNorm: string;
  /** Spatial stride (spatial convs only). */
  stride?: number;
  /** Skip the ReLU (never the case in these models, kept for reuse). */
  relu?: boolean;
}

/** A (1, k, k) conv + eval BN (folded) + ReLU, per frame. */
export function addSpatialConvBnRelu(
  ctx: VisualGraphContext,
  input: VisualValue,
  options: ConvBnReluOptions,
): VisualValue {
  const { weight, shape, bias } = foldedConv(ctx, options.conv, options.batchNorm);
  const [out, inChannels, kt, kh, kw] = shape as [number, number, number, number, number];
  if (kt !== 1 || inChannels !== input.channels)
    throw new Error(`${options.conv}: not a spatial conv on ${input.channels}`);
  const stride = options.stride ?? 1;
  if (kh === 1 && kw === 1 && stride === 1 && input.layout === "time") {
    // A pointwise conv works in either layout: no transpose needed.
    const conv = addConv(ctx.g, {
      input: input.name,
      weight,
      bias,
      weightShape: [out, inChannels, 1, 1],
      name: options.conv,
    });
    return { ...input, name: options.relu === false ? conv : ctx.g.op("Relu", [conv]), channels: out };
  }
  const frames = toFrames(ctx, input);
  const conv = addConv(ctx.g, {
    input: frames.name,
    weight,
    bias,
    weightShape: [out, inChannels, kh, kw],
    strides: [stride, stride],
    padding: [(kh - 1) / 2, (kw - 1) / 2],
    name: options.conv,
  });
  const size = (n: number, k: number) => Math.floor((n + 2 * ((k - 1) / 2) - k) / stride) + 1;
  return {
    name: options.relu === false ? conv : ctx.g.op("Relu", [conv]),
    layout: "frames",
    channels: out,
    height: size(input.height, kh),
    width: size(input.width, kw),
  };
}

/** A (k, 1, 1) conv over time + eval BN (folded) + ReLU; zero padding per ctx.temporalPadding. */
export function addTemporalConvBnRelu(
  ctx: VisualGraphContext,
  input: VisualValue,
  options: ConvBnReluOptions,
): VisualValue {
  const { weight, shape, bias } = foldedConv(ctx, options.conv, options.batchNorm);
  const [out, inChannels, kt, kh, kw] = shape as [number, number, number, number, number];
  if (kh !== 1 || kw !== 1 || inChannels !== input.channels)
    throw new Error(`${options.conv}: not a temporal conv`);
  const time = toTime(ctx, input);
  const radius = (kt - 1) / 2;
  const valid = ctx.temporalPadding === "valid";
  const conv = addConv(ctx.g, {
    input: time.name,
    weight,
    bias,
    weightShape: [out, inChannels, kt, 1],
    padding: [valid ? 0 : radius, 0],
    name: options.conv,
  });
  return {
    ...time,
    name: options.relu === false ? conv : ctx.g.op("Relu", [conv]),
    channels: out,
    timeCrop: (input.timeCrop ?? 0) + (valid ? radius : 0),
  };
}

/**
 * "valid" mode with a mask: zeroes the frames that lie outside the chunk, so that a following temporal conv sees
 * zero padding there exactly as the reference's per-layer zero padding. No-op otherwise ("same" mode pads itself;
 * an unmasked "valid" graph is only fed windows without padding frames).
 */
export function addTimeMask(ctx: VisualGraphContext, input: VisualValue): VisualValue {
  if (ctx.temporalPadding === "same" || !ctx.mask) return input;
  const { g } = ctx;
  const crop = input.timeCrop ?? 0;
  const mask =
    crop > 0 ? g.op("Slice", [ctx.mask, g.int64s([crop]), g.int64s([-crop]), g.int64s([1])]) : ctx.mask;
  const time = toTime(ctx, input);
  // [B·S, C, T, P] → [B, S, C, T, P] × mask [B, 1, 1, T, 1] → back.
  const masked = g.op("Mul", [
    g.op("Reshape", [time.name, splitShape(ctx, time)]),
    g.op("Unsqueeze", [mask, g.int64s([1, 2, 4])]),
  ]);
  return { ...time, name: g.op("Reshape", [masked, g.op("Shape", [time.name])]) };
}

/** MaxPool (1,3,3), stride (1,2,2), padding (0,1,1), per frame (padding never wins, like PyTorch). */
export function addSpatialMaxPool(ctx: VisualGraphContext, input: VisualValue): VisualValue {
  const frames = toFrames(ctx, input);
  const name = ctx.g.op("MaxPool", [frames.name], {
    kernel_shape: [3, 3],
    strides: [2, 2],
    pads: [1, 1, 1, 1],
  });
  const size = (n: number) => Math.floor((n + 2 - 3) / 2) + 1;
  return { ...frames, name, height: size(frames.height), width: size(frames.width) };
}

/** Per-frame global spatial max (AdaptiveMaxPool2d(1)), returned as [B, T, C]. */
export function addFrameGlobalMax(ctx: VisualGraphContext, input: VisualValue): string {
  const { g } = ctx;
  if (input.layout === "time") {
    // [B·S, C, T, P] → [B, S, C, T, P] → max over S and P → [B, C, T] → [B, T, C]: only C·T values move.
    const split = g.op("Reshape", [input.name, splitShape(ctx, input)]);
    const pooled = g.op("ReduceMax", [split], { axes: [1, 4], keepdims: 0 });
    return g.op("Transpose", [pooled], { perm: [0, 2, 1] });
  }
  const pooled = g.op("ReduceMax", [input.name], { axes: [2, 3], keepdims: 0 });
  return g.op("Reshape", [pooled, g.op("Concat", [ctx.batch, g.int64s([-1, input.channels])], { axis: 0 })]);
}

function foldedConv(ctx: VisualGraphContext, convName: string, batchNormPrefix: string) {
  const raw = getFloatTensor({ checkpoint: ctx.checkpoint, name: convName });
  const shape = ctx.checkpoint.byName.get(convName)!.shape;
  if (shape.length !== 5) throw new Error(`${convName}: expected a 5-D Conv3d weight`);
  const batchNorm = readBatchNorm({
    checkpoint: ctx.checkpoint,
    prefix: batchNormPrefix,
    channels: shape[0]!,
    eps: ASD_BATCH_NORM_EPS,
  });
  return { ...foldBatchNorm({ weight: raw, batchNorm }), shape };
}

/** The stem's input: [B, T, 112, 112] grey 0..255 → frames, normalised as the reference does inside the model. */
export function addNormalizedFrames(ctx: VisualGraphContext, video: string, sizePx: number): VisualValue {
  const { g } = ctx;
  const frames = g.op("Reshape", [video, g.int64s([-1, 1, sizePx, sizePx])]);
  const unit = g.op("Div", [frames, g.scalar(255)]);
  const centred = g.op("Sub", [unit, g.scalar(ASD_PIXEL_MEAN)]);
  const name = g.op("Div", [centred, g.scalar(ASD_PIXEL_STD)]);
  return { name, layout: "frames", channels: 1, height: sizePx, width: sizePx };
}
