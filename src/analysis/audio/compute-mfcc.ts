// MFCCs numerically identical to python_speech_features.mfcc(signal, 16000, numcep=13, winlen=0.025,
// winstep=0.010) on raw int16-scale samples: the audio features LR-ASD / Light-ASD / TalkNet were trained on.
// Pure; float64 inside (as numpy is), float32 out (as the models take it).
import FFT from "fft.js";
import { createMelFilterbank } from "./mel-filterbank";

export const MFCC_SAMPLE_RATE = 16000;
export const MFCC_COEFFICIENT_COUNT = 13;
/** 25 ms window at 16 kHz. */
export const MFCC_FRAME_SAMPLES = 400;
/** 10 ms hop at 16 kHz: 100 MFCC frames per second, 4 per 25 fps video frame. */
export const MFCC_HOP_SAMPLES = 160;

const FFT_SIZE = 512;
const BIN_COUNT = FFT_SIZE / 2 + 1;
const FILTER_COUNT = 26;
const PRE_EMPHASIS = 0.97;
const CEP_LIFTER = 22;
/** numpy float64 eps: what upstream substitutes for an exact 0 before taking the log. */
const EPS = 2.220446049250313e-16;

export interface ComputeMfccInput {
  /** Mono samples on the int16 scale (not normalized to ±1), as scipy.io.wavfile.read returns them. */
  samples: Int16Array | Float32Array | Float64Array;
  sampleRate: typeof MFCC_SAMPLE_RATE;
  /** Also return the 26 log filterbank energies per frame (the DCT input); for debugging. */
  includeLogFilterbank?: boolean;
}

export interface MfccResult {
  /** 1 + ceil((samples - 400) / 160) for ≥ 400 samples, else 1: N seconds give 100·N - 1 frames. */
  frameCount: number;
  /** frameCount × 13, row-major; coefficient 0 is the log frame energy. */
  coefficients: Float32Array;
  /** frameCount × 26, row-major; only with includeLogFilterbank. */
  logFilterbank?: Float32Array;
}

interface MfccTables {
  fft: FFT;
  /** Filters are sparse: filter j covers bins [filterStart[j], filterEnd[j]) with weights at the same bin index. */
  filterStart: Int32Array;
  filterEnd: Int32Array;
  /** Dense 26 × 257 weights. */
  filterWeights: Float64Array;
  /** 13 × 26 DCT-II (orthonormal) rows, pre-multiplied by the cepstral lifter. */
  liftedDct: Float64Array;
}

let tables: MfccTables | undefined;

function getTables(): MfccTables {
  if (tables) return tables;
  const bank = createMelFilterbank({
    filterCount: FILTER_COUNT,
    fftSize: FFT_SIZE,
    sampleRate: MFCC_SAMPLE_RATE,
  });
  const filterStart = bank.edgeBins.slice(0, FILTER_COUNT);
  const filterEnd = bank.edgeBins.slice(2, FILTER_COUNT + 2);
  const liftedDct = new Float64Array(MFCC_COEFFICIENT_COUNT * FILTER_COUNT);
  for (let k = 0; k < MFCC_COEFFICIENT_COUNT; k++) {
    const scale = Math.sqrt((k === 0 ? 1 : 2) / FILTER_COUNT);
    const lift = 1 + (CEP_LIFTER / 2) * Math.sin((Math.PI * k) / CEP_LIFTER);
    for (let n = 0; n < FILTER_COUNT; n++) {
      liftedDct[k * FILTER_COUNT + n] =
        lift * scale * Math.cos((Math.PI * k * (2 * n + 1)) / (2 * FILTER_COUNT));
    }
  }
  tables = { fft: new FFT(FFT_SIZE), filterStart, filterEnd, filterWeights: bank.weights, liftedDct };
  return tables;
}

/** Number of MFCC frames python_speech_features produces for a signal of `sampleCount` samples. */
export function mfccFrameCount(sampleCount: number): number {
  if (sampleCount <= MFCC_FRAME_SAMPLES) return 1;
  return 1 + Math.ceil((sampleCount - MFCC_FRAME_SAMPLES) / MFCC_HOP_SAMPLES);
}

export function computeMfcc(input: ComputeMfccInput): MfccResult {
  if (input.sampleRate !== MFCC_SAMPLE_RATE) {
    throw new Error(`computeMfcc needs ${MFCC_SAMPLE_RATE} Hz audio, got ${String(input.sampleRate)} Hz`);
  }
  const { fft, filterStart, filterEnd, filterWeights, liftedDct } = getTables();
  const samples = input.samples;
  const sampleCount = samples.length;
  const frameCount = mfccFrameCount(sampleCount);

  // Pre-emphasis over the whole signal (frames overlap, so the first sample of a frame uses its real predecessor).
  // Copy to float64 first: one monomorphic array type for the hot loops below, whatever the input type.
  const emphasized = new Float64Array(samples);
  for (let n = sampleCount - 1; n > 0; n--) {
    emphasized[n] = emphasized[n]! - PRE_EMPHASIS * emphasized[n - 1]!;
  }

  const coefficients = new Float32Array(frameCount * MFCC_COEFFICIENT_COUNT);
  const logFilterbank = input.includeLogFilterbank ? new Float32Array(frameCount * FILTER_COUNT) : undefined;
  const frame = new Float64Array(FFT_SIZE); // 400 samples, then zeros up to the FFT size
  const spectrum = new Float64Array(2 * FFT_SIZE);
  const power = new Float64Array(BIN_COUNT);
  const logMel = new Float64Array(FILTER_COUNT);

  for (let f = 0; f < frameCount; f++) {
    const start = f * MFCC_HOP_SAMPLES;
    const available = Math.min(MFCC_FRAME_SAMPLES, sampleCount - start);
    frame.set(emphasized.subarray(start, start + available));
    frame.fill(0, available, MFCC_FRAME_SAMPLES); // zero-padded tail frame; rectangular window

    fft.realTransform(spectrum, frame);
    let energy = 0;
    for (let k = 0; k < BIN_COUNT; k++) {
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      const p = (re * re + im * im) / FFT_SIZE;
      power[k] = p;
      energy += p;
    }

    for (let j = 0; j < FILTER_COUNT; j++) {
      const row = j * BIN_COUNT;
      const end = filterEnd[j]!;
      let sum = 0;
      for (let i = filterStart[j]!; i < end; i++) sum += filterWeights[row + i]! * power[i]!;
      logMel[j] = Math.log(sum === 0 ? EPS : sum);
    }
    logFilterbank?.set(logMel, f * FILTER_COUNT);

    const row = f * MFCC_COEFFICIENT_COUNT;
    coefficients[row] = Math.log(energy === 0 ? EPS : energy); // replaces the lifted c0
    for (let k = 1; k < MFCC_COEFFICIENT_COUNT; k++) {
      let sum = 0;
      const dctRow = k * FILTER_COUNT;
      for (let n = 0; n < FILTER_COUNT; n++) sum += liftedDct[dctRow + n]! * logMel[n]!;
      coefficients[row + k] = sum;
    }
  }
  return logFilterbank ? { frameCount, coefficients, logFilterbank } : { frameCount, coefficients };
}
