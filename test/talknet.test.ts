// TalkNet backend: checkpoint verification, graph parity with the seeded-checkpoint fixtures (window outputs,
// debug intermediates, the full multi-duration evaluate_network score) and the add-talknet model registry.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCheckpoint, type Checkpoint } from "../src/analysis/checkpoint";
import {
  buildTalknetGraph,
  isTalknetCheckpoint,
  resolveTalknetModel,
  scoreTalknetTrack,
  TalknetCheckpointError,
  talknetTensorLayout,
  verifyTalknetCheckpoint,
  createTalknetSessions,
  type ScoreTalknetTrackResult,
  type TalknetSessionSet,
} from "../src/analysis/asd/talknet";
import { roundAsdScores } from "../src/analysis/asd/round-asd-scores";
import { addTalknetModel } from "../src/analysis/models/add-talknet";
import {
  createSession,
  type InferenceSession,
  type TensorOutput,
} from "../src/analysis/onnx-runtime/create-session";
import { maxAbsDiff, readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const TALKNET_DIR = join(FIXTURES, "talknet");
const CHECKPOINT = join(TALKNET_DIR, "talknet_random_seed0.model");
const CHECKPOINT_SHA256 = "e580d015c6a07cd70ceedd2373e0f27399c7d8baceb541955b196e2f6138b06c";
const LRASD = join(SHARED_MODELS, "lrasd_finetuning_TalkSet.model");
const LIGHTASD = join(SHARED_MODELS, "lightasd_finetuning_TalkSet.model");
const PIXELS = 112 * 112;
/** README §2(b): unrounded means within 1e-3 of a rounding boundary; ±0.1 is allowed there. */
const BOUNDARY_FRAMES = new Set([44, 98, 99, 106, 224, 226]);

const fixture = (name: string) => readNpy(join(TALKNET_DIR, name)).data as Float32Array;
const mfcc = readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy")).data as Float32Array;
const visual = readNpy(join(FIXTURES, "asd/pycrop_visual_250x112x112.npy")).data as Uint8Array;

let checkpoint: Checkpoint;
/** Built with debugOutputs: every intermediate the fixtures hold is an output. */
let session: InferenceSession;
let scratch: string;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "speakerframe-talknet-"));
  checkpoint = await readCheckpoint({ path: CHECKPOINT });
  const graph = buildTalknetGraph({ checkpoint, debugOutputs: true });
  session = await createSession({ model: graph.model, threads: 2 });
});
afterAll(async () => {
  await session?.release();
  rmSync(scratch, { recursive: true, force: true });
});

/** One forward pass on video frames [start, start+frames) and the matching 4·frames MFCC rows. */
function runWindow(start: number, frames: number, target = session): Promise<Record<string, TensorOutput>> {
  return target.run({
    audio: { data: mfcc.slice(start * 4 * 13, (start + frames) * 4 * 13), dims: [1, 4 * frames, 13] },
    video: {
      data: Float32Array.from(visual.subarray(start * PIXELS, (start + frames) * PIXELS)),
      dims: [1, frames, 112, 112],
    },
  });
}

function maxAbs(values: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  return max;
}

/** Largest |a − b| − rel·|b|: ≤ abs passes the README's "absolute plus relative" rule. */
function excessOverRelative(a: ArrayLike<number>, b: ArrayLike<number>, rel: number): number {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!) - rel * Math.abs(b[i]!));
  return worst;
}

describe("TalkNet checkpoint verification", () => {
  it("generates exactly the 487-key layout of the seeded checkpoint, in file order", () => {
    const rows = readFileSync(join(TALKNET_DIR, "talknet_random_seed0.keys.tsv"), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split("\t"));
    const layout = talknetTensorLayout();
    expect(layout.map((s) => s.name)).toEqual(rows.map((r) => r[1]));
    expect(layout.map((s) => s.shape.join("x") || "scalar")).toEqual(rows.map((r) => r[3]));
    expect(layout.map((s) => s.dtype)).toEqual(rows.map((r) => r[2]));
    expect(checkpoint.tensors.map((t) => t.name)).toEqual(rows.map((r) => r[1]));
  });

  it("accepts the seeded TalkNet checkpoint", () => {
    expect(isTalknetCheckpoint(checkpoint)).toBe(true);
    const weights = verifyTalknetCheckpoint({ checkpoint });
    expect(weights.unexpectedKeys).toEqual([]);
    expect(weights.missingOptionalKeys).toEqual([]);
  });

  it.each([
    [
      LRASD,
      /^\S+lrasd_finetuning_TalkSet\.model is an LR-ASD checkpoint \(168 tensors, model\.visualEncoder\.\*.*\), not TalkNet$/,
    ],
    [
      LIGHTASD,
      /^\S+lightasd_finetuning_TalkSet\.model is a Light-ASD checkpoint \(192 tensors, model\.visualEncoder\.\*.*\), not TalkNet$/,
    ],
  ])("refuses %s with a one-line message saying what it is", async (path, message) => {
    const other = await readCheckpoint({ path });
    expect(isTalknetCheckpoint(other)).toBe(false);
    const error = captureError(() => verifyTalknetCheckpoint({ checkpoint: other }));
    expect(error).toBeInstanceOf(TalknetCheckpointError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("\n");
  });

  it("names the first missing or mis-shaped tensor of a near-TalkNet state_dict; tolerates a module. prefix", () => {
    const without = {
      ...checkpoint,
      tensors: checkpoint.tensors.filter((t) => !t.name.startsWith("model.selfAV.")),
    };
    expect(() => verifyTalknetCheckpoint({ checkpoint: without })).toThrow(
      /is not a complete TalkNet checkpoint: 12 of 423 needed tensors are missing, e\.g\. model\.selfAV\.self_attn\.in_proj_weight$/,
    );
    const reshaped = {
      ...checkpoint,
      tensors: checkpoint.tensors.map((t) =>
        t.name === "lossAV.FC.weight" ? { ...t, shape: [4, 128], strides: [128, 1] } : t,
      ),
    };
    expect(() => verifyTalknetCheckpoint({ checkpoint: reshaped })).toThrow(
      /lossAV\.FC\.weight is float32 \[4,128\], expected float32 \[2,256\]$/,
    );
    const parallel = {
      ...checkpoint,
      tensors: checkpoint.tensors.map((t) => ({ ...t, name: `module.${t.name}` })),
    };
    expect(isTalknetCheckpoint(parallel)).toBe(true);
  });
});

describe("TalkNet graph parity (seeded checkpoint)", () => {
  it("reproduces the T=5 debug window, intermediates included", async () => {
    const out = await runWindow(0, 5);
    const debug = (name: string) => fixture(`debug/talknet_T5_${name}.npy`);
    for (const name of ["visual_embed", "cross_audio", "cross_visual", "features"]) {
      expect(maxAbsDiff(out[name]!.data, debug(name)), name).toBeLessThanOrEqual(1e-4);
    }
    expect(maxAbsDiff(out.audio_embed!.data, debug("audio_embed"))).toBeLessThanOrEqual(1e-4);
    expect(maxAbsDiff(out.logits!.data, debug("scores"))).toBeLessThanOrEqual(1e-4);
    expect(out.logits!.dims).toEqual([1, 5]);
    expect(maxAbsDiff(out.visual_frontend3d!.data, debug("visual_frontend3d"))).toBeLessThanOrEqual(1e-4);
    for (const layer of [1, 2, 3, 4]) {
      const name = `visual_resnet_layer${layer}`;
      expect(maxAbsDiff(out[name]!.data, debug(name)), name).toBeLessThanOrEqual(1e-4);
    }
    expect(maxAbsDiff(out.visual_frontend512!.data, debug("visual_frontend512"))).toBeLessThanOrEqual(1e-4);
    for (const name of ["audio_stem", "audio_layer1", "audio_layer2", "audio_layer3", "audio_layer4"]) {
      expect(excessOverRelative(out[name]!.data, debug(name), 1e-4), name).toBeLessThanOrEqual(1e-4);
    }
  });

  it("reproduces the 4 s window: embeddings, cross-attention, features, logits", async () => {
    const out = await runWindow(0, 100);
    const errors: Record<string, number> = {};
    const check = (output: string, file: string, shape: number[]) => {
      expect(out[output]!.dims).toEqual(shape);
      errors[output] = maxAbsDiff(out[output]!.data, fixture(`talknet_window4s_${file}.npy`));
    };
    check("audio_embed", "audio_embed", [1, 100, 128]);
    check("visual_embed", "visual_embed", [1, 100, 128]);
    check("cross_audio", "cross_audio", [1, 100, 128]);
    check("cross_visual", "cross_visual", [1, 100, 128]);
    check("features", "features", [1, 100, 256]);
    check("logits", "scores", [1, 100]);
    check("logits2", "logits2", [1, 100, 2]);
    console.log("TalkNet 4 s window max abs errors:", JSON.stringify(errors));
    // README §3: absolute 1e-4 on embeddings (audio_embed reaches 66), cross outputs, features and scores.
    expect(maxAbs(fixture("talknet_window4s_audio_embed.npy"))).toBeGreaterThan(60);
    for (const [name, error] of Object.entries(errors)) expect(error, name).toBeLessThanOrEqual(1e-4);

    const debug = (name: string) => fixture(`debug/talknet_window4s_${name}.npy`);
    expect(maxAbsDiff(out.visual_frontend512!.data, debug("visual_frontend512"))).toBeLessThanOrEqual(1e-4);
    for (let i = 0; i < 5; i++) {
      const name = `visual_tcn_block${i}`;
      expect(maxAbsDiff(out[name]!.data, debug(name)), name).toBeLessThanOrEqual(1e-4);
    }
    for (const name of ["audio_stem", "audio_layer1", "audio_layer2", "audio_layer3", "audio_layer4"]) {
      expect(excessOverRelative(out[name]!.data, debug(name), 1e-4), name).toBeLessThanOrEqual(1e-4);
    }
    for (const layer of ["crossA2V", "crossV2A", "selfAV"]) {
      for (const part of ["attn_out", "norm1"]) {
        const name = `${layer}_${part}`;
        expect(maxAbsDiff(out[name]!.data, debug(name)), name).toBeLessThanOrEqual(1e-4);
      }
    }
  });

  it("runs a 1-frame chunk, and a batch of 2 clips equals the clips run one by one", async () => {
    const single = await runWindow(0, 1);
    expect(single.logits!.dims).toEqual([1, 1]);
    expect(Number.isFinite(single.logits!.data[0])).toBe(true);

    const [a, b] = [await runWindow(0, 5), await runWindow(5, 5)];
    const batched = await session.run({
      audio: { data: mfcc.slice(0, 40 * 13), dims: [2, 20, 13] },
      video: { data: Float32Array.from(visual.subarray(0, 10 * PIXELS)), dims: [2, 5, 112, 112] },
    });
    expect(batched.logits!.dims).toEqual([2, 5]);
    const separate = new Float32Array([...a.logits!.data, ...b.logits!.data]);
    expect(maxAbsDiff(batched.logits!.data, separate)).toBeLessThanOrEqual(1e-5);
  });
});

describe("TalkNet multi-duration scoring (evaluate_network)", () => {
  let sessions: TalknetSessionSet;
  const results: Partial<Record<"shared" | "naive", ScoreTalknetTrackResult>> = {};
  beforeAll(async () => {
    const graph = buildTalknetGraph({ checkpoint });
    sessions = await createTalknetSessions({ model: graph.model, includeFull: true, threads: 2 });
    for (const strategy of ["shared", "naive"] as const) {
      const started = performance.now();
      results[strategy] = await scoreTalknetTrack({ sessions, mfcc, crops: visual, strategy });
      console.log(
        `TalkNet 10 s track, strategy ${strategy}: ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  }, 240_000);
  afterAll(async () => sessions?.release());

  it.each(["shared", "naive"] as const)(
    "%s: matches the per-duration logits and the unrounded mean",
    (strategy) => {
      const result = results[strategy]!;
      expect(result.frameCount).toBe(250);
      expect(result.durationsSeconds).toEqual([1, 2, 3, 4, 5, 6]);
      const perDuration = fixture("talknet_full10s_scores_per_duration.npy");
      const errors = result.perDuration.map((row, k) =>
        maxAbsDiff(row, perDuration.subarray(k * 250, (k + 1) * 250)),
      );
      const unrounded = maxAbsDiff(result.scores, fixture("talknet_full10s_scores_unrounded.npy"));
      console.log(
        `TalkNet 10 s ${strategy}: per-duration max abs errors ${errors.map((e) => e.toExponential(1)).join(", ")}; ` +
          `unrounded ${unrounded.toExponential(2)}`,
      );
      for (const error of errors) expect(error).toBeLessThanOrEqual(1e-4);
      expect(unrounded).toBeLessThanOrEqual(1e-4);
    },
  );

  it.each(["shared", "naive"] as const)(
    "%s: rounded scores equal the reference (sign of zero included) away from the rounding boundaries",
    (strategy) => {
      const rounded = roundAsdScores(results[strategy]!.scores);
      const expected = fixture("talknet_full10s_scores.npy");
      let exact = 0;
      for (let t = 0; t < 250; t++) {
        const [got, want] = [rounded[t]!, expected[t]!];
        if (BOUNDARY_FRAMES.has(t))
          expect(Math.abs(got - want), `frame ${t}`).toBeLessThanOrEqual(0.1 + 1e-6);
        else expect(Object.is(got, want), `frame ${t}: ${got} vs ${want}`).toBe(true);
        if (Object.is(got, want)) exact++;
      }
      console.log(`TalkNet 10 s ${strategy}: ${exact}/250 rounded scores bit-identical`);
    },
  );

  it("follows evaluate_network's length rule: min(⌊nA/4⌋, nV) frames, 4 MFCC rows each", async () => {
    // The real pipeline: N frames with 4N−1 MFCC rows gives N−1 scored frames.
    const audioShort = await scoreTalknetTrack({
      sessions,
      mfcc: mfcc.subarray(0, (4 * 30 - 1) * 13),
      crops: visual.subarray(0, 30 * PIXELS),
      durationsSeconds: [1],
    });
    expect(audioShort.frameCount).toBe(29);
    expect(audioShort.scores.length).toBe(29);
    // Video shorter than the audio (TalkNet compares seconds with seconds, unlike Columbia_test.py).
    const videoShort = await scoreTalknetTrack({
      sessions,
      mfcc: mfcc.subarray(0, 200 * 13),
      crops: visual.subarray(0, 27 * PIXELS),
      durationsSeconds: [1, 2],
    });
    expect(videoShort.frameCount).toBe(27);
    // d = 1 cuts 25 + 2 frames: the 2-frame chunk is its own forward pass (shorter than the 4-frame edge context).
    const [head, tail, whole] = [await runWindow(0, 25), await runWindow(25, 2), await runWindow(0, 27)];
    expect(
      maxAbsDiff(videoShort.perDuration[0]!, [...head.logits!.data, ...tail.logits!.data]),
    ).toBeLessThanOrEqual(1e-5);
    expect(maxAbsDiff(videoShort.perDuration[1]!, whole.logits!.data)).toBeLessThanOrEqual(1e-5);
  });
});

describe("addTalknetModel (models add-talknet)", () => {
  it("builds talknet-<sha8>.onnx atomically, registers it and resolves it as the newest TalkNet model", async () => {
    const cacheDir = join(scratch, "cache");
    const added = await addTalknetModel({ checkpointPath: CHECKPOINT, cacheDir });
    expect(added.id).toBe(`talknet-${CHECKPOINT_SHA256.slice(0, 8)}`);
    expect(added.sourceSha256).toBe(CHECKPOINT_SHA256);
    expect(added.reused).toBe(false);
    expect(readdirSync(cacheDir).sort()).toEqual([`${added.id}.onnx`, "talknet-models.json"]);
    const registry = JSON.parse(readFileSync(join(cacheDir, "talknet-models.json"), "utf8"));
    expect(registry.models).toHaveLength(1);
    expect(registry.models[0]).toMatchObject({ id: added.id, sourceName: "talknet_random_seed0.model" });

    const resolved = await resolveTalknetModel({ cacheDir });
    expect(resolved.path).toBe(join(cacheDir, `${added.id}.onnx`));
    expect((await resolveTalknetModel({ cacheDir, id: added.id })).path).toBe(resolved.path);
    const built = await createSession({ model: resolved.path, threads: 2 });
    try {
      const [fromFile, inMemory] = [await runWindow(0, 5, built), await runWindow(0, 5)];
      expect(fromFile.logits!.data).toEqual(inMemory.logits!.data);
      expect(built.outputNames.slice(0, 2)).toEqual(["logits", "features"]);
    } finally {
      await built.release();
    }
    // What `--model talknet` runs: the registered file, split into scoring sessions.
    const scoring = await createTalknetSessions({ model: resolved.path, threads: 2 });
    try {
      const track = await scoreTalknetTrack({
        sessions: scoring,
        mfcc: mfcc.subarray(0, 200 * 13),
        crops: visual.subarray(0, 50 * PIXELS),
        durationsSeconds: [2],
      });
      const window = await runWindow(0, 50);
      expect(maxAbsDiff(track.scores, window.logits!.data)).toBeLessThanOrEqual(1e-5);
    } finally {
      await scoring.release();
    }

    const again = await addTalknetModel({ checkpointPath: CHECKPOINT, cacheDir });
    expect(again.reused).toBe(true);
    expect(again.created >= added.created).toBe(true);

    // A model built by another graph version is not used silently.
    const registryPath = join(cacheDir, "talknet-models.json");
    const stale = JSON.parse(readFileSync(registryPath, "utf8"));
    stale.models[0].graphVersion = 0;
    writeFileSync(registryPath, JSON.stringify(stale));
    await expect(resolveTalknetModel({ cacheDir })).rejects.toThrow(/built by another speakerframe version/);
  });

  it("refuses a non-TalkNet file with a one-line message and leaves the cache untouched", async () => {
    const cacheDir = join(scratch, "refuse");
    for (const [path, message] of [
      [LRASD, /is an LR-ASD checkpoint \(168 tensors, .*\), not TalkNet$/],
      [join(TALKNET_DIR, "talknet_random_seed0.keys.tsv"), /not a readable PyTorch zip checkpoint/],
      [join(scratch, "nope.model"), /nope\.model: no such file$/],
    ] as const) {
      const error = await addTalknetModel({ checkpointPath: path, cacheDir }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TalknetCheckpointError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]);
    await expect(resolveTalknetModel({ cacheDir })).rejects.toThrow(
      /no TalkNet model in .*models add-talknet/,
    );
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error");
}
