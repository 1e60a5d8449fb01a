// `--model talknet` / `--model talknet-<sha8>`: find the built ONNX file and check it is the one registered.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "../../../io/sha256-file";
import { resolveModelCache } from "../../models/model-cache";
import { readTalknetRegistry, type TalknetRegistryEntry } from "./read-talknet-registry";
import { TALKNET_GRAPH_VERSION } from "./build-talknet-graph";
import { TalknetCheckpointError } from "./talknet-checkpoint-error";

export interface ResolveTalknetModelOptions {
  /** Model cache folder; default as for the built-in models (resolveModelCache). */
  cacheDir?: string;
  /** "talknet" (the most recently added model, the default) or a specific "talknet-<sha8>". */
  id?: string;
}

export interface ResolvedTalknetModel extends TalknetRegistryEntry {
  /** Absolute path of the verified .onnx file. */
  path: string;
}

/** True for the ids `--model` should route here: "talknet" and "talknet-<8 hex>". */
export function isTalknetModelId(id: string): boolean {
  return id === "talknet" || /^talknet-[0-9a-f]{8}$/.test(id);
}

/** The registered model for `id`, with its file verified; one-line errors say how to add one. */
export async function resolveTalknetModel(
  options: ResolveTalknetModelOptions,
): Promise<ResolvedTalknetModel> {
  const id = options.id ?? "talknet";
  const cacheDir = resolveModelCache(options.cacheDir);
  const { models } = await readTalknetRegistry({ cacheDir });
  const addHint = "run `speakerframe models add-talknet <pretrain_TalkSet.model>`";
  let entry: TalknetRegistryEntry | undefined;
  if (id === "talknet") {
    entry = [...models].sort((a, b) => a.created.localeCompare(b.created)).at(-1);
    if (!entry) throw new TalknetCheckpointError(`no TalkNet model in ${cacheDir}; ${addHint}`);
  } else {
    entry = models.find((m) => m.id === id);
    if (!entry) {
      const known = models.map((m) => m.id).join(", ") || "none";
      throw new TalknetCheckpointError(
        `no TalkNet model "${id}" in ${cacheDir} (have: ${known}); ${addHint}`,
      );
    }
  }
  const path = join(cacheDir, entry.file);
  if (entry.graphVersion !== TALKNET_GRAPH_VERSION) {
    throw new TalknetCheckpointError(
      `TalkNet model ${entry.id} was built by another speakerframe version; ${addHint} again`,
    );
  }
  if (!existsSync(path)) {
    throw new TalknetCheckpointError(`TalkNet model ${path} is missing; ${addHint} again`);
  }
  const actual = await sha256File(path);
  if (actual !== entry.onnxSha256) {
    throw new TalknetCheckpointError(
      `TalkNet model ${path} has sha256 ${actual}, expected ${entry.onnxSha256}; ${addHint} again`,
    );
  }
  return { ...entry, path };
}
