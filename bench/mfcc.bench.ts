// MFCC throughput: seconds of 16 kHz audio per second of compute (real-time factor), on 60 s of looped speech.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { computeMfcc } from "../src/analysis/audio/compute-mfcc";
import { decodeWavPcm16 } from "../src/analysis/audio/decode-wav-pcm16";
import { FIXTURES } from "../test/helpers/paths";

const AUDIO_SECONDS = 60;
const RUNS = 15;

export default async function mfccBench(): Promise<string> {
  const { samples: fixture } = decodeWavPcm16(
    new Uint8Array(readFileSync(join(FIXTURES, "audio/pycrop_10s.wav"))),
  );
  const samples = new Int16Array(AUDIO_SECONDS * 16000);
  for (let offset = 0; offset < samples.length; offset += fixture.length) {
    samples.set(fixture.subarray(0, Math.min(fixture.length, samples.length - offset)), offset);
  }

  computeMfcc({ samples, sampleRate: 16000 }); // warm-up (JIT, tables)
  const runSeconds: number[] = [];
  let frameCount = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    frameCount = computeMfcc({ samples, sampleRate: 16000 }).frameCount;
    runSeconds.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  runSeconds.sort((a, b) => a - b);
  const medianSeconds = runSeconds[Math.floor(RUNS / 2)]!;
  const realTimeFactor = AUDIO_SECONDS / medianSeconds;

  return [
    "## MFCC (computeMfcc)",
    "",
    `- ${AUDIO_SECONDS} s of 16 kHz audio (pycrop_10s.wav looped) → ${frameCount} frames × 13`,
    `- median of ${RUNS} runs: ${(medianSeconds * 1000).toFixed(1)} ms (min ${(runSeconds[0]! * 1000).toFixed(1)} ms)`,
    `- real-time factor: **${Math.round(realTimeFactor)}× real time** (seconds of audio per second of compute)`,
  ].join("\n");
}
