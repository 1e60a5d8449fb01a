// Triangular mel filterbank laid out the way python_speech_features' get_filterbanks builds it, so MFCCs fed to
// the ASD models match the features they were trained on. Pure.

export interface MelFilterbankOptions {
  filterCount: number;
  fftSize: number;
  sampleRate: number;
  /** Defaults to 0 Hz. */
  lowHz?: number;
  /** Defaults to sampleRate / 2. */
  highHz?: number;
}

export interface MelFilterbank {
  filterCount: number;
  /** fftSize / 2 + 1 */
  binCount: number;
  /** filterCount + 2 FFT bin edges; filter j rises over [j, j+1) and falls over [j+1, j+2). */
  edgeBins: Int32Array;
  /** Dense filterCount × binCount weights, row-major. */
  weights: Float64Array;
}

const hzToMel = (hz: number): number => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number): number => 700 * (10 ** (mel / 2595) - 1);

export function createMelFilterbank(options: MelFilterbankOptions): MelFilterbank {
  const { filterCount, fftSize, sampleRate } = options;
  const lowMel = hzToMel(options.lowHz ?? 0);
  const highMel = hzToMel(options.highHz ?? sampleRate / 2);
  const binCount = fftSize / 2 + 1;
  const pointCount = filterCount + 2;

  const edgeBins = new Int32Array(pointCount);
  const melStep = (highMel - lowMel) / (pointCount - 1);
  for (let p = 0; p < pointCount; p++) {
    // Like numpy.linspace: the last point is exactly the end, not start + n·step.
    const mel = p === pointCount - 1 ? highMel : lowMel + p * melStep;
    // (fftSize + 1), not fftSize: this is the upstream convention and it shifts some edges by one bin.
    edgeBins[p] = Math.floor(((fftSize + 1) * melToHz(mel)) / sampleRate);
  }

  const weights = new Float64Array(filterCount * binCount);
  for (let j = 0; j < filterCount; j++) {
    const left = edgeBins[j]!;
    const centre = edgeBins[j + 1]!;
    const right = edgeBins[j + 2]!;
    const row = j * binCount;
    for (let i = left; i < centre; i++) weights[row + i] = (i - left) / (centre - left);
    for (let i = centre; i < right; i++) weights[row + i] = (right - i) / (right - centre);
  }
  return { filterCount, binCount, edgeBins, weights };
}
