// onnxruntime thread settings for the analysis's two workloads, side by side: YuNet on real frames of the 1080p
// bench clip (480 and 640 px) and six-duration LR-ASD scoring of a one-minute track; onnxruntime's default
// (intra-op pool of 2 spinning threads) against no spin-waiting and against one thread. Configurations take turns
// so that load changes hit them alike; wall and process CPU per unit of work.
import { loadavg } from "node:os";
import { join } from "node:path";
import { createAsdScorer, type AsdScorer } from "../src/analysis/asd/create-asd-scorer";
import { streamFrames } from "../src/analysis/ffmpeg";
import { resolveModelCache } from "../src/analysis/models/model-cache";
import {
  DEFAULT_SESSION_TUNING,
  setDefaultSessionTuning,
  type SessionTuning,
} from "../src/analysis/onnx-runtime/create-session";
import { createFaceDetector, type FaceDetector } from "../src/analysis/yunet/create-face-detector";
import { twoFace1080p } from "../test/helpers/derived-media";
import { FIXTURES } from "../test/helpers/paths";
import { readNpy } from "../test/helpers/npy";

interface Config {
  name: string;
  threads: number;
  tuning: SessionTuning;
}

const CONFIGS: Config[] = [
  { name: "2 threads, spinning (onnxruntime's default)", threads: 2, tuning: { spinning: true } },
  { name: "2 threads, no spinning", threads: 2, tuning: { spinning: false } },
  { name: "1 thread", threads: 1, tuning: { spinning: false } },
];
const DETECT_FRAMES = 50;
const ROUNDS = 3;
const TRACK_FRAMES = 1500;

interface Cost {
  wall: number[];
  cpu: number[];
}

async function measure(work: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await work();
  const c = process.cpuUsage(c0);
  return { wall: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

async function yunet(width: number): Promise<Cost[]> {
  const height = Math.round((width * 9) / 16 / 2) * 2;
  const frames: Uint8Array[] = [];
  for await (const decoded of streamFrames({
    input: twoFace1080p(60),
    fps: 25,
    durationSeconds: DETECT_FRAMES / 25,
    videoOutputs: [{ width, height, pixelFormat: "bgr24" }],
  }))
    frames.push(decoded.planes[0]!);
  const detectors: FaceDetector[] = [];
  for (const config of CONFIGS) {
    setDefaultSessionTuning(config.tuning);
    detectors.push(
      await createFaceDetector({
        modelPath: join(resolveModelCache(), "yunet_n_dynamic.onnx"),
        device: "cpu",
        threads: config.threads,
      }),
    );
  }
  setDefaultSessionTuning(DEFAULT_SESSION_TUNING);
  const costs: Cost[] = CONFIGS.map(() => ({ wall: [], cpu: [] }));
  try {
    for (const detector of detectors)
      for (const bgr of frames.slice(0, 5)) await detector.detect({ bgr, width, height });
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < CONFIGS.length; i++) {
        const { wall, cpu } = await measure(async () => {
          for (const bgr of frames) await detectors[i]!.detect({ bgr, width, height });
        });
        costs[i]!.wall.push((1000 * wall) / frames.length);
        costs[i]!.cpu.push((1000 * cpu) / frames.length);
      }
    }
  } finally {
    for (const detector of detectors) await detector.release();
  }
  return costs;
}

async function lrasd(): Promise<Cost[]> {
  const loop = <T extends Uint8Array | Float32Array>(source: T, length: number): T => {
    const out = (source instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length)) as T;
    for (let o = 0; o < length; o += source.length)
      out.set(source.subarray(0, Math.min(source.length, length - o)), o);
    return out;
  };
  const crops = loop(
    readNpy(join(FIXTURES, "asd/pycrop_visual_250x112x112.npy")).data as Uint8Array,
    TRACK_FRAMES * 112 * 112,
  );
  const mfcc = loop(
    readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy")).data as Float32Array,
    TRACK_FRAMES * 4 * 13,
  );
  const scorers: AsdScorer[] = [];
  for (const config of CONFIGS) {
    setDefaultSessionTuning(config.tuning);
    scorers.push(await createAsdScorer({ model: "lrasd-talkset", device: "cpu", threads: config.threads }));
  }
  setDefaultSessionTuning(DEFAULT_SESSION_TUNING);
  const costs: Cost[] = CONFIGS.map(() => ({ wall: [], cpu: [] }));
  try {
    for (const scorer of scorers) await scorer.score({ mfcc, crops, frameCount: 100 });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < CONFIGS.length; i++) {
        const { wall, cpu } = await measure(() =>
          scorers[i]!.score({ mfcc, crops, frameCount: TRACK_FRAMES }),
        );
        costs[i]!.wall.push(wall);
        costs[i]!.cpu.push(cpu);
      }
    }
  } finally {
    for (const scorer of scorers) await scorer.release();
  }
  return costs;
}

export default async function ortTuningBench(): Promise<string> {
  const loadStart = loadavg()[0]!;
  const rows: Array<[string, Cost[], number]> = [
    ["YuNet 480×270, ms / frame", await yunet(480), 1],
    ["YuNet 640×360, ms / frame", await yunet(640), 1],
    ["LR-ASD, 1 min track, six durations, s", await lrasd(), 2],
  ];
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const cell = (cost: Cost, digits: number) =>
    `${median(cost.wall).toFixed(digits)} (CPU ${median(cost.cpu).toFixed(digits)})`;
  return [
    "## onnxruntime thread settings (CPU execution provider)",
    "",
    `- medians of ${ROUNDS} rounds (LR-ASD: 2) after a warm-up, configurations in turn; wall (process CPU)`,
    `- load average ${loadStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
    "",
    `| workload | ${CONFIGS.map((c) => c.name).join(" | ")} |`,
    `| --- | ${CONFIGS.map(() => "---").join(" | ")} |`,
    ...rows.map(([name, costs, digits]) => `| ${name} | ${costs.map((c) => cell(c, digits)).join(" | ")} |`),
    "",
  ].join("\n");
}
