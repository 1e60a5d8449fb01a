// One 4 s window (and the 5-frame debug window) through the ONNX graphs built from the real upstream
// checkpoints, against the torch fixtures: embeddings, fused features and speaking logits.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAsdGraphs } from "../src/analysis/asd/build-asd-graphs";
import type { AsdModelKind } from "../src/analysis/asd/asd-model-kind";
import { readCheckpoint } from "../src/analysis/checkpoint";
import {
  createSession,
  type InferenceSession,
  type TensorOutput,
} from "../src/analysis/onnx-runtime/create-session";
import { maxAbsDiff, readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const ASD = join(FIXTURES, "asd");
const TOLERANCE = 1e-4;
const OUTPUTS = ["audio_embed", "visual_embed", "features", "logits"] as const;

const crops = readNpy(join(ASD, "pycrop_visual_250x112x112.npy")).data as Uint8Array;
const mfcc = readNpy(join(ASD, "pycrop_mfcc_1000x13.npy")).data as Float32Array;

async function runWindow(session: InferenceSession, frames: number): Promise<Record<string, TensorOutput>> {
  return session.run({
    audio: { data: mfcc.subarray(0, frames * 4 * 13), dims: [1, frames * 4, 13] },
    video: { data: Float32Array.from(crops.subarray(0, frames * 112 * 112)), dims: [1, frames, 112, 112] },
  });
}

describe.each<[AsdModelKind, string]>([
  ["lrasd", "lrasd_finetuning_TalkSet.model"],
  ["lightasd", "lightasd_finetuning_TalkSet.model"],
])("%s graph built from %s", (kind, file) => {
  let session: InferenceSession;
  beforeAll(async () => {
    const checkpoint = await readCheckpoint({ path: join(SHARED_MODELS, file) });
    session = await createSession({ model: buildAsdGraphs({ checkpoint, kind }).full });
  });
  afterAll(() => session?.release());

  it("reproduces the 4 s window fixtures within 1e-4", async () => {
    const out = await runWindow(session, 100);
    expect(out.logits!.dims).toEqual([1, 100]);
    expect(out.features!.dims).toEqual([1, 100, 128]);
    const errors = OUTPUTS.map((name) => {
      const reference = readNpy(join(ASD, `${kind}_window4s_${name}.npy`)).data as Float32Array;
      return [name, maxAbsDiff(out[name]!.data, reference)] as const;
    });
    console.log(
      `${kind} window4s max abs error: ${errors.map(([n, e]) => `${n} ${e.toExponential(2)}`).join(", ")}`,
    );
    for (const [, error] of errors) expect(error).toBeLessThanOrEqual(TOLERANCE);
    // logits2 column 1 is the same speaking logit.
    const logits2 = readNpy(join(ASD, `${kind}_window4s_logits2.npy`)).data as Float32Array;
    expect(
      maxAbsDiff(
        out.logits!.data,
        logits2.filter((_, i) => i % 2 === 1),
      ),
    ).toBeLessThanOrEqual(TOLERANCE);
  });

  it("reproduces the 5-frame debug window (zero padding at both chunk edges)", async () => {
    const out = await runWindow(session, 5);
    const errors = OUTPUTS.map((name) => {
      const reference = readNpy(join(ASD, "debug", `${kind}_T5_${name}.npy`)).data as Float32Array;
      return [name, maxAbsDiff(out[name]!.data, reference)] as const;
    });
    console.log(
      `${kind} T5 max abs error: ${errors.map(([n, e]) => `${n} ${e.toExponential(2)}`).join(", ")}`,
    );
    for (const [, error] of errors) expect(error).toBeLessThanOrEqual(TOLERANCE);
  });

  it("takes any batch size: two windows in one run equal two separate runs", async () => {
    const frames = 30;
    const one = await runWindow(session, frames);
    const video = new Float32Array(2 * frames * 112 * 112);
    video.set(Float32Array.from(crops.subarray(0, frames * 112 * 112)), 0);
    video.set(
      Float32Array.from(crops.subarray(frames * 112 * 112, 2 * frames * 112 * 112)),
      frames * 112 * 112,
    );
    const audio = new Float32Array(2 * frames * 52);
    audio.set(mfcc.subarray(0, frames * 52), 0);
    audio.set(mfcc.subarray(frames * 52, 2 * frames * 52), frames * 52);
    const two = await session.run({
      audio: { data: audio, dims: [2, frames * 4, 13] },
      video: { data: video, dims: [2, frames, 112, 112] },
    });
    expect(two.logits!.dims).toEqual([2, frames]);
    expect(maxAbsDiff(two.logits!.data.subarray(0, frames), one.logits!.data)).toBeLessThan(1e-5);
  });
});
