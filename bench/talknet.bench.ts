// TalkNet speed on CPU: one 4 s window (B = 1, 100 frames) through the whole graph, beside LR-ASD and Light-ASD
// on the same input in the same run; then a full 10 s track scored the evaluate_network way (28 chunks), naive
// (one whole-graph pass per chunk, as upstream) against shared (visual frontend once per track).
import { join } from "node:path";
import { readCheckpoint } from "../src/analysis/checkpoint";
import { buildAsdGraphs } from "../src/analysis/asd/build-asd-graphs";
import { buildTalknetGraph, createTalknetSessions, scoreTalknetTrack } from "../src/analysis/asd/talknet";
import { createSession, type InferenceSession } from "../src/analysis/onnx-runtime/create-session";
import { readNpy } from "../test/helpers/npy";
import { FIXTURES, SHARED_MODELS } from "../test/helpers/paths";

const THREADS = 1;
const WINDOW_FRAMES = 100;
const MIN_SECONDS = 4;
const MIN_RUNS = 3;

export default async function talknetBench(): Promise<string> {
  const mfcc = readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy")).data as Float32Array;
  const visual = readNpy(join(FIXTURES, "asd/pycrop_visual_250x112x112.npy")).data as Uint8Array;
  const feeds = {
    audio: { data: mfcc.slice(0, WINDOW_FRAMES * 4 * 13), dims: [1, WINDOW_FRAMES * 4, 13] },
    video: {
      data: Float32Array.from(visual.subarray(0, WINDOW_FRAMES * 112 * 112)),
      dims: [1, WINDOW_FRAMES, 112, 112],
    },
  };

  const t0 = performance.now();
  const talknetCheckpoint = await readCheckpoint({
    path: join(FIXTURES, "talknet/talknet_random_seed0.model"),
  });
  const t1 = performance.now();
  const talknet = buildTalknetGraph({ checkpoint: talknetCheckpoint });
  const t2 = performance.now();

  const models: Array<{ name: string; build: () => Promise<Uint8Array> }> = [
    { name: "TalkNet (seeded weights; same compute as pretrain_TalkSet)", build: async () => talknet.model },
    {
      name: "LR-ASD (lrasd_finetuning_TalkSet)",
      build: () => asdGraph("lrasd", "lrasd_finetuning_TalkSet.model"),
    },
    {
      name: "Light-ASD (lightasd_finetuning_TalkSet)",
      build: () => asdGraph("lightasd", "lightasd_finetuning_TalkSet.model"),
    },
  ];
  const lines = [
    `## TalkNet beside LR-ASD / Light-ASD (CPU, ${THREADS} intra-op thread)`,
    "",
    `4 s window, B = 1: MFCC [1, 400, 13] + crops [1, 100, 112, 112] through the whole graph; median of ≥ ${MIN_RUNS} runs and ≥ ${MIN_SECONDS} s after 2 warm-up runs.`,
    "",
    "| model | ONNX MB | ms / 4 s window (median, min) | frames / s | × real time |",
    "|---|---|---|---|---|",
  ];
  for (const model of models) {
    let bytes: Uint8Array;
    try {
      bytes = await model.build();
    } catch (error) {
      lines.push(`| ${model.name} | – | not built: ${(error as Error).message.split("\n")[0]} | – | – |`);
      continue;
    }
    const session = await createSession({ model: bytes, threads: THREADS });
    try {
      const { median, min } = await timeRuns(session, feeds);
      lines.push(
        `| ${model.name} | ${(bytes.byteLength / 2 ** 20).toFixed(1)} | ${median.toFixed(0)}, ${min.toFixed(0)} | ` +
          `${((WINDOW_FRAMES * 1000) / median).toFixed(0)} | ${(4000 / median).toFixed(1)} |`,
      );
    } finally {
      await session.release();
    }
  }

  const t3 = performance.now();
  const sessions = await createTalknetSessions({ model: talknet.model, includeFull: true, threads: THREADS });
  const t4 = performance.now();
  lines.push(
    "",
    `TalkNet setup: read checkpoint ${((t1 - t0) / 1000).toFixed(2)} s, build graph ${((t2 - t1) / 1000).toFixed(2)} s, ` +
      `split + open 3 sessions ${((t4 - t3) / 1000).toFixed(2)} s.`,
    "",
    "TalkNet, 10 s track (250 frames) scored like evaluate_network (durations 1..6 s, 28 chunks):",
    "",
    "| strategy | seconds | video frames / s | × real time |",
    "|---|---|---|---|",
  );
  try {
    for (const strategy of ["naive", "shared"] as const) {
      await scoreTalknetTrack({ sessions, mfcc, crops: visual, durationsSeconds: [1], strategy }); // warm-up
      const start = performance.now();
      await scoreTalknetTrack({ sessions, mfcc, crops: visual, strategy });
      const seconds = (performance.now() - start) / 1000;
      lines.push(
        `| ${strategy} | ${seconds.toFixed(1)} | ${(250 / seconds).toFixed(0)} | ${(10 / seconds).toFixed(2)} |`,
      );
    }
  } finally {
    await sessions.release();
  }
  return lines.join("\n");
}

async function asdGraph(kind: "lrasd" | "lightasd", file: string): Promise<Uint8Array> {
  const checkpoint = await readCheckpoint({ path: join(SHARED_MODELS, file) });
  return buildAsdGraphs({ checkpoint, kind }).full;
}

async function timeRuns(
  session: InferenceSession,
  feeds: Parameters<InferenceSession["run"]>[0],
): Promise<{ median: number; min: number }> {
  for (let i = 0; i < 2; i++) await session.run(feeds, ["logits"]);
  const times: number[] = [];
  const start = performance.now();
  while (times.length < MIN_RUNS || performance.now() - start < MIN_SECONDS * 1000) {
    const t = performance.now();
    await session.run(feeds, ["logits"]);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, min: times[0]! };
}
