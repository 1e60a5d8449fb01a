// buildAsdModels: ONNX files keyed by the checkpoint's sha256, written atomically, reloaded by createAsdScorer.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsdSessions } from "../src/analysis/asd/create-asd-sessions";
import { scoreTrack } from "../src/analysis/asd/score-track";
import { CheckpointError } from "../src/analysis/checkpoint";
import { buildAsdModels } from "../src/analysis/models/build-asd-models";
import { sha256File } from "../src/io/sha256-file";
import { maxAbsDiff, readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const TALKSET = join(SHARED_MODELS, "lrasd_finetuning_TalkSet.model");
const TALKSET_SHA256 = "6b4ef53694e874e96cf630198dc479c78aebb3993bbf166aee3d926dfe7d9342";
const AVA = join(SHARED_MODELS, "lrasd_pretrain_AVA.model");
const AVA_SHA256 = "85e6c77fc981595234790d1e128ebb60352d37726b2445e0ef8891e2512fe9e3";

let outDir: string;
beforeAll(() => {
  outDir = mkdtempSync(join(tmpdir(), "speakerframe-asd-models-"));
});
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

async function oneLineError(work: Promise<unknown>): Promise<Error> {
  const error = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckpointError);
  expect((error as Error).message).not.toContain("\n");
  return error as Error;
}

describe("buildAsdModels", () => {
  it("builds, skips an unchanged checkpoint, and the scorer reproduces the reference from the files", async () => {
    const options = {
      checkpointPath: TALKSET,
      sha256: TALKSET_SHA256,
      kind: "lrasd" as const,
      outDir,
      id: "lrasd-talkset",
    };
    const built = await buildAsdModels(options);
    expect(built.status).toBe("built");
    expect(built.modelPath).toBe(join(outDir, "lrasd-talkset.onnx"));
    expect(built.sidecar.sourceSha256).toBe(TALKSET_SHA256);
    const files = readdirSync(outDir);
    expect(files.filter((f) => f.includes(".tmp"))).toEqual([]);
    for (const file of Object.keys(built.sidecar.sha256)) expect(files).toContain(file);
    const mtime = statSync(built.modelPath).mtimeMs;

    const again = await buildAsdModels(options);
    expect(again.status).toBe("unchanged");
    expect(statSync(built.modelPath).mtimeMs).toBe(mtime);

    // Score from the written files, as the pipeline does.
    const parts = again.sidecar.files;
    const path = (file: string) => join(outDir, file);
    const sessions = await createAsdSessions({
      kind: again.sidecar.kind,
      parts: {
        audio: path(parts.audio),
        backend: path(parts.backend),
        visualStages: parts.visualStages.map(path),
        visualStagesUnmasked: parts.visualStagesUnmasked.map((file) => (file ? path(file) : null)),
      },
    });
    const crops = readNpy(join(FIXTURES, "asd/pycrop_visual_250x112x112.npy")).data as Uint8Array;
    const mfcc = readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy")).data as Float32Array;
    const { scores } = await scoreTrack({ sessions, mfcc, crops });
    await sessions.release();
    const reference = readNpy(join(FIXTURES, "asd/lrasd_full10s_scores_unrounded.npy")).data as Float32Array;
    const error = maxAbsDiff(scores, reference);
    console.log(`scoring from the built files: unrounded max abs error ${error.toExponential(2)}`);
    expect(error).toBeLessThanOrEqual(1e-4);
  });

  it("rebuilds when the checkpoint behind an id changes, and a damaged file is rebuilt", async () => {
    const rebuilt = await buildAsdModels({
      checkpointPath: AVA,
      sha256: AVA_SHA256,
      kind: "lrasd",
      outDir,
      id: "lrasd-talkset",
    });
    expect(rebuilt.status).toBe("built");
    const sidecar = JSON.parse(readFileSync(rebuilt.sidecarPath, "utf8")) as { sourceSha256: string };
    expect(sidecar.sourceSha256).toBe(AVA_SHA256);

    writeFileSync(join(outDir, rebuilt.sidecar.files.backend), "damaged");
    const repaired = await buildAsdModels({
      checkpointPath: AVA,
      sha256: AVA_SHA256,
      kind: "lrasd",
      outDir,
      id: "lrasd-talkset",
    });
    expect(repaired.status).toBe("built");
    expect(await sha256File(join(outDir, repaired.sidecar.files.backend))).toBe(
      repaired.sidecar.sha256[repaired.sidecar.files.backend],
    );
  });

  it("refuses a checkpoint whose sha256 differs from the expected one", async () => {
    const error = await oneLineError(
      buildAsdModels({ checkpointPath: AVA, sha256: TALKSET_SHA256, kind: "lrasd", outDir, id: "x" }),
    );
    expect(error.message).toContain(AVA);
  });

  it("gives a one-line error naming the file for a truncated or non-PyTorch checkpoint", async () => {
    const truncated = join(outDir, "truncated.model");
    writeFileSync(truncated, readFileSync(TALKSET).subarray(0, 100_000));
    const notTorch = join(outDir, "not-torch.model");
    writeFileSync(notTorch, readFileSync(join(SHARED_MODELS, "yunet_n_dynamic.onnx")));
    for (const path of [truncated, notTorch]) {
      const error = await oneLineError(
        buildAsdModels({
          checkpointPath: path,
          sha256: await sha256File(path),
          kind: "lrasd",
          outDir,
          id: "bad",
        }),
      );
      expect(error.message).toContain(path);
    }
  });

  it("gives a one-line error when the checkpoint is of the other architecture", async () => {
    const lightasd = join(SHARED_MODELS, "lightasd_finetuning_TalkSet.model");
    const error = await oneLineError(
      buildAsdModels({
        checkpointPath: lightasd,
        sha256: await sha256File(lightasd),
        kind: "lrasd",
        outDir,
        id: "mixed",
      }),
    );
    expect(error.message).toMatch(/is missing/);
  });
});
