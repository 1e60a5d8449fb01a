// Builds the ONNX files of one LR-ASD / Light-ASD model from its upstream PyTorch checkpoint, keyed by the
// checkpoint's sha256: an unchanged checkpoint (and builder version) is skipped, a changed one is rebuilt.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { writeFileAtomic } from "../../io/atomic-output";
import { sha256File } from "../../io/sha256-file";
import { ASD_GRAPH_BUILDER_VERSION, buildAsdGraphs } from "../asd/build-asd-graphs";
import type { AsdModelKind } from "../asd/asd-model-kind";
import { CheckpointError, readCheckpoint } from "../checkpoint";

export interface BuildAsdModelsOptions {
  /** The upstream checkpoint, e.g. lrasd_finetuning_TalkSet.model. */
  checkpointPath: string;
  /** Its expected sha256 (hex); a different file is refused. */
  sha256: string;
  kind: AsdModelKind;
  outDir: string;
  /** Model id, e.g. "lrasd-talkset": files are `<id>.onnx`, `<id>.<part>.onnx` and `<id>.onnx.json`. */
  id: string;
  /** Rebuild even when the sidecar says the files are current. */
  force?: boolean;
}

/** `<id>.onnx.json`: what the files were built from, and the parts the fast scorer loads. */
export interface AsdModelSidecar {
  id: string;
  kind: AsdModelKind;
  sourceSha256: string;
  builderVersion: number;
  /** File names (relative to the sidecar's folder) and their sha256. */
  files: {
    full: string;
    audio: string;
    backend: string;
    visualStages: string[];
    visualStagesUnmasked: Array<string | null>;
  };
  sha256: Record<string, string>;
}

export interface BuildAsdModelsResult {
  status: "built" | "unchanged";
  /** `<outDir>/<id>.onnx`: audio + video → logits, features, audio_embed, visual_embed. */
  modelPath: string;
  sidecarPath: string;
  sidecar: AsdModelSidecar;
}

/**
 * Writes `<id>.onnx` (the whole model), the split parts the fast scorer uses and the `<id>.onnx.json` sidecar.
 * Every file is written atomically (temp file in the same folder, then rename); the sidecar goes last.
 */
export async function buildAsdModels(options: BuildAsdModelsOptions): Promise<BuildAsdModelsResult> {
  const { checkpointPath, kind, outDir, id } = options;
  const modelPath = join(outDir, `${id}.onnx`);
  const sidecarPath = `${modelPath}.json`;
  if (!existsSync(checkpointPath)) throw new CheckpointError(`${checkpointPath}: no such checkpoint file`);
  const sourceSha256 = await sha256File(checkpointPath);
  if (sourceSha256 !== options.sha256.toLowerCase()) {
    throw new CheckpointError(`${checkpointPath}: sha256 is ${sourceSha256}, expected ${options.sha256}`);
  }
  if (!options.force) {
    const current = await readCurrentSidecar(sidecarPath, outDir, sourceSha256);
    if (current) return { status: "unchanged", modelPath, sidecarPath, sidecar: current };
  }

  const checkpoint = await readCheckpoint({ path: checkpointPath });
  const graphs = buildAsdGraphs({
    checkpoint,
    kind,
    metadata: {
      "speakerframe.asd.id": id,
      "speakerframe.asd.source_sha256": sourceSha256,
      "speakerframe.asd.builder_version": String(ASD_GRAPH_BUILDER_VERSION),
    },
  });
  const sha256: Record<string, string> = {};
  const write = async (file: string, bytes: Uint8Array) => {
    sha256[file] = createHash("sha256").update(bytes).digest("hex");
    await writeFileAtomic(join(outDir, file), bytes);
    return file;
  };
  const files: AsdModelSidecar["files"] = {
    full: await write(`${id}.onnx`, graphs.full),
    audio: await write(`${id}.audio.onnx`, graphs.audio),
    backend: await write(`${id}.backend.onnx`, graphs.backend),
    visualStages: [],
    visualStagesUnmasked: [],
  };
  for (const [k, bytes] of graphs.visualStages.entries()) {
    files.visualStages.push(await write(`${id}.visual-${k}.onnx`, bytes));
  }
  for (const [k, bytes] of graphs.visualStagesUnmasked.entries()) {
    files.visualStagesUnmasked.push(bytes ? await write(`${id}.visual-${k}-unmasked.onnx`, bytes) : null);
  }
  const sidecar: AsdModelSidecar = {
    id,
    kind,
    sourceSha256,
    builderVersion: ASD_GRAPH_BUILDER_VERSION,
    files,
    sha256,
  };
  await writeFileAtomic(sidecarPath, `${JSON.stringify(sidecar, null, 2)}\n`);
  return { status: "built", modelPath, sidecarPath, sidecar };
}

/** The sidecar if it matches this checkpoint and builder and every file it lists is intact; otherwise null. */
async function readCurrentSidecar(
  sidecarPath: string,
  outDir: string,
  sourceSha256: string,
): Promise<AsdModelSidecar | null> {
  if (!existsSync(sidecarPath)) return null;
  let sidecar: AsdModelSidecar;
  try {
    sidecar = JSON.parse(await readFile(sidecarPath, "utf8")) as AsdModelSidecar;
  } catch {
    return null;
  }
  if (sidecar.sourceSha256 !== sourceSha256 || sidecar.builderVersion !== ASD_GRAPH_BUILDER_VERSION)
    return null;
  for (const [file, expected] of Object.entries(sidecar.sha256 ?? {})) {
    const path = join(outDir, file);
    if (!existsSync(path) || (await sha256File(path)) !== expected) return null;
  }
  return sidecar;
}
