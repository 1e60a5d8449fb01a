/** Eval-mode BatchNorm parameters, per channel: y = (x - runningMean) / sqrt(runningVar + eps) * weight + bias. */
export interface BatchNormParams {
  weight: Float32Array;
  bias: Float32Array;
  runningMean: Float32Array;
  runningVar: Float32Array;
  eps: number;
}

export interface FoldBatchNormOptions {
  /** Weight whose outermost axis is the output channel (conv [out, in, ...k] or linear [out, in]). */
  weight: Float32Array;
  /** Bias of the layer before the BN, if any. */
  bias?: Float32Array;
  batchNorm: BatchNormParams;
}

export interface FoldedWeights {
  weight: Float32Array;
  bias: Float32Array;
}

/** Folds an eval BatchNorm into the preceding linear layer (computed in float64, stored as float32). */
export function foldBatchNorm(options: FoldBatchNormOptions): FoldedWeights {
  const { weight, bias, batchNorm } = options;
  const { scale, shift } = batchNormAffine(batchNorm);
  const channels = scale.length;
  if (weight.length % channels !== 0)
    throw new Error(`cannot fold BN(${channels}) into ${weight.length} weights`);
  const perChannel = weight.length / channels;
  const folded = new Float32Array(weight.length);
  const foldedBias = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < perChannel; i++) folded[c * perChannel + i] = weight[c * perChannel + i]! * scale[c]!;
    foldedBias[c] = (bias?.[c] ?? 0) * scale[c]! + shift[c]!;
  }
  return { weight: folded, bias: foldedBias };
}

/** BatchNorm as y = x * scale + shift (float64), for BNs that cannot be folded into a neighbour. */
export function batchNormAffine(batchNorm: BatchNormParams): { scale: Float64Array; shift: Float64Array } {
  const channels = batchNorm.weight.length;
  const scale = new Float64Array(channels);
  const shift = new Float64Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = batchNorm.weight[c]! / Math.sqrt(batchNorm.runningVar[c]! + batchNorm.eps);
    shift[c] = batchNorm.bias[c]! - batchNorm.runningMean[c]! * scale[c]!;
  }
  return { scale, shift };
}
