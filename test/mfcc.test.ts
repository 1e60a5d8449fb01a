// MFCC vs python_speech_features reference fixtures (fixtures README §1).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { computeMfcc } from "../src/analysis/audio/compute-mfcc";
import { decodeWavPcm16 } from "../src/analysis/audio/decode-wav-pcm16";
import { createMelFilterbank } from "../src/analysis/audio/mel-filterbank";
import { maxAbsDiff, readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MEDIA } from "./helpers/paths";

const readWav = (path: string) => decodeWavPcm16(new Uint8Array(readFileSync(path)));

describe("createMelFilterbank", () => {
  it("matches get_filterbanks(26, 512, 16000)", () => {
    const bank = createMelFilterbank({ filterCount: 26, fftSize: 512, sampleRate: 16000 });
    expect(Array.from(bank.edgeBins)).toEqual([
      0, 2, 4, 7, 10, 13, 16, 20, 24, 29, 34, 40, 46, 53, 60, 68, 77, 87, 97, 109, 122, 136, 152, 169, 188,
      209, 231, 256,
    ]);
    const reference = readNpy(join(FIXTURES, "mfcc/melfilterbank_26x257.npy"));
    expect(reference.shape).toEqual([26, 257]);
    expect(maxAbsDiff(bank.weights, reference.data)).toBeLessThan(1e-7);
  });
});

describe.each(["pycrop_10s", "synthetic_2s"])("computeMfcc on %s", (name) => {
  const wav = readWav(join(FIXTURES, `audio/${name}.wav`));
  const result = computeMfcc({ samples: wav.samples, sampleRate: 16000, includeLogFilterbank: true });

  it("matches mfcc()", () => {
    expect(wav.sampleRate).toBe(16000);
    const reference = readNpy(join(FIXTURES, `mfcc/${name}.npy`));
    expect([result.frameCount, 13]).toEqual(reference.shape);
    const error = maxAbsDiff(result.coefficients, reference.data);
    console.log(`mfcc ${name}: max abs error ${error.toExponential(2)}`);
    expect(error).toBeLessThanOrEqual(1e-3);
  });

  it("matches the log filterbank and log energy debug arrays", () => {
    const logFbank = readNpy(join(FIXTURES, `mfcc/${name}.logfbank26.npy`));
    expect([result.frameCount, 26]).toEqual(logFbank.shape);
    const fbankError = maxAbsDiff(result.logFilterbank!, logFbank.data);
    const logEnergy = readNpy(join(FIXTURES, `mfcc/${name}.logenergy.npy`));
    const c0 = Float32Array.from({ length: result.frameCount }, (_, f) => result.coefficients[f * 13]!);
    const energyError = maxAbsDiff(c0, logEnergy.data);
    console.log(
      `mfcc ${name}: logfbank error ${fbankError.toExponential(2)}, logenergy ${energyError.toExponential(2)}`,
    );
    expect(fbankError).toBeLessThanOrEqual(1e-3);
    expect(energyError).toBeLessThanOrEqual(1e-3);
  });
});

describe("computeMfcc frames", () => {
  it("gives [log(eps), 0, …] for digital silence", () => {
    const { frameCount, coefficients } = computeMfcc({ samples: new Int16Array(1600), sampleRate: 16000 });
    expect(frameCount).toBe(9); // 1 + ceil((1600 - 400) / 160)
    expect(coefficients[0]).toBeCloseTo(-36.04365, 4);
    expect(Math.max(...coefficients.subarray(1, 13).map(Math.abs))).toBeLessThan(1e-6);
  });

  it("gives 1 frame for short input and 4N-1 frames for N video frames of audio", () => {
    expect(computeMfcc({ samples: new Float32Array(100), sampleRate: 16000 }).frameCount).toBe(1);
    expect(computeMfcc({ samples: new Float32Array(400), sampleRate: 16000 }).frameCount).toBe(1);
    expect(computeMfcc({ samples: new Float32Array(401), sampleRate: 16000 }).frameCount).toBe(2);
    expect(computeMfcc({ samples: new Float32Array(16000), sampleRate: 16000 }).frameCount).toBe(99);
  });

  it("reproduces the 1000-frame ASD input from the first 160240 samples of the pycrop wav", () => {
    const wav = readWav(join(SHARED_MEDIA, "tiwater_pycrop_00000.wav"));
    expect(wav.samples.length).toBe(494080);
    const samples = new Float32Array(wav.samples.subarray(0, 160240)); // int16 scale in a Float32Array
    const result = computeMfcc({ samples, sampleRate: 16000 });
    const reference = readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy"));
    expect([result.frameCount, 13]).toEqual(reference.shape);
    const error = maxAbsDiff(result.coefficients, reference.data);
    console.log(`mfcc pycrop 1000 frames: max abs error ${error.toExponential(2)}`);
    expect(error).toBeLessThanOrEqual(1e-3);
  });
});
