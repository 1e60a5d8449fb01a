// Zero-phase (symmetric kernel) smoothing: removes box noise without the lag of a causal EMA.
// Edges are padded by holding the end values, so a steady track stays steady up to its ends.

export function gaussianSmooth(values: ArrayLike<number>, sigmaSamples: number): Float64Array {
  const n = values.length;
  const out = new Float64Array(n);
  if (n === 0) return out;
  if (!(sigmaSamples > 0.01)) {
    for (let i = 0; i < n; i++) out[i] = values[i]!;
    return out;
  }
  const radius = Math.ceil(3 * sigmaSamples);
  const kernel = new Float64Array(2 * radius + 1);
  let total = 0;
  for (let k = -radius; k <= radius; k++) {
    const w = Math.exp(-(k * k) / (2 * sigmaSamples * sigmaSamples));
    kernel[k + radius] = w;
    total += w;
  }
  for (let i = 0; i < n; i++) {
    let acc = 0;
    for (let k = -radius; k <= radius; k++) {
      const j = Math.min(n - 1, Math.max(0, i + k));
      acc += kernel[k + radius]! * values[j]!;
    }
    out[i] = acc / total;
  }
  return out;
}
