// `speakerframe models add-talknet <file>`: verify a user's TalkNet-ASD checkpoint, build its ONNX model into the
// model cache and register it, so that `--model talknet` can use it.
import { createHash } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { CheckpointError, readCheckpoint } from "../checkpoint";
import { buildTalknetGraph, TALKNET_GRAPH_VERSION } from "../asd/talknet/build-talknet-graph";
import {
  readTalknetRegistry,
  TALKNET_REGISTRY_FILE,
  type TalknetRegistryEntry,
} from "../asd/talknet/read-talknet-registry";
import { TalknetCheckpointError } from "../asd/talknet/talknet-checkpoint-error";
import { sha256File } from "../../io/sha256-file";
import { withAtomicOutput, writeFileAtomic } from "../../io/atomic-output";
import { resolveModelCache } from "./model-cache";

export interface AddTalknetModelOptions {
  /** A TalkNet-ASD state_dict, e.g. pretrain_TalkSet.model or pretrain_AVA.model. */
  checkpointPath: string;
  /** Model cache folder; default as for the built-in models (resolveModelCache). */
  cacheDir?: string;
}

export interface AddTalknetModelResult extends TalknetRegistryEntry {
  /** Absolute path of the .onnx file. */
  path: string;
  /** True when this checkpoint's model was already built and valid, so only its timestamp changed. */
  reused: boolean;
  /** Keys in the checkpoint that TalkNet does not have (ignored, as upstream's loader does). */
  unexpectedKeys: string[];
}

/**
 * Verifies the checkpoint (a one-line TalknetCheckpointError when it is not TalkNet), builds
 * `talknet-<sha8>.onnx` atomically (temp file + rename) into the cache and records it in talknet-models.json
 * as the most recent TalkNet model. Re-adding the same checkpoint reuses a valid model file.
 */
export async function addTalknetModel(options: AddTalknetModelOptions): Promise<AddTalknetModelResult> {
  const { checkpointPath } = options;
  if (!existsSync(checkpointPath) || !statSync(checkpointPath).isFile()) {
    throw new TalknetCheckpointError(`${checkpointPath}: no such file`);
  }
  const cacheDir = resolveModelCache(options.cacheDir);
  const sourceSha256 = await sha256File(checkpointPath);
  const id = `talknet-${sourceSha256.slice(0, 8)}`;
  const file = `${id}.onnx`;
  const path = join(cacheDir, file);
  const created = new Date().toISOString();
  const registry = await readTalknetRegistry({ cacheDir });
  const previous = registry.models.find((m) => m.id === id);

  let entry: TalknetRegistryEntry;
  let reused = false;
  let unexpectedKeys: string[] = [];
  if (
    previous &&
    previous.sourceSha256 === sourceSha256 &&
    previous.graphVersion === TALKNET_GRAPH_VERSION &&
    (await fileHas(path, previous.onnxSha256))
  ) {
    entry = { ...previous, sourceName: basename(checkpointPath), created };
    reused = true;
  } else {
    let checkpoint;
    try {
      checkpoint = await readCheckpoint({ path: checkpointPath });
    } catch (error) {
      // Keep the reader's one-line message but make it a user-facing error for the CLI.
      if (error instanceof CheckpointError) throw new TalknetCheckpointError(error.message);
      throw error;
    }
    const graph = buildTalknetGraph({ checkpoint });
    unexpectedKeys = graph.unexpectedKeys;
    await withAtomicOutput(path, (temp) => writeFile(temp, graph.model));
    entry = {
      id,
      file,
      sourceSha256,
      sourceName: basename(checkpointPath),
      onnxSha256: createHash("sha256").update(graph.model).digest("hex"),
      bytes: graph.model.byteLength,
      graphVersion: TALKNET_GRAPH_VERSION,
      created,
    };
  }

  const models = [...registry.models.filter((m) => m.id !== id), entry];
  await writeFileAtomic(
    join(cacheDir, TALKNET_REGISTRY_FILE),
    `${JSON.stringify({ version: 1, models }, null, 2)}\n`,
  );
  return { ...entry, path, reused, unexpectedKeys };
}

async function fileHas(path: string, sha256: string): Promise<boolean> {
  return existsSync(path) && (await sha256File(path)) === sha256;
}
