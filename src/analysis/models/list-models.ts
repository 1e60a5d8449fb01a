import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256File } from "../../io/sha256-file";
import { MODEL_MANIFEST } from "./model-manifest";
import { resolveModelCache } from "./model-cache";

export type ModelStatus = "valid" | "missing" | "corrupt";

export interface ListedModel {
  file: string;
  status: ModelStatus;
  bytes: number;
  license: string;
  description: string;
  /** ONNX model id built from this checkpoint, if any. */
  builds?: string;
}

export async function listModels(options: { cacheDir?: string } = {}): Promise<ListedModel[]> {
  const cacheDir = resolveModelCache(options.cacheDir);
  const listed: ListedModel[] = [];
  for (const entry of MODEL_MANIFEST.files) {
    const path = join(cacheDir, entry.file);
    let status: ModelStatus = "missing";
    if (existsSync(path) && statSync(path).isFile()) {
      status = (await sha256File(path)) === entry.sha256 ? "valid" : "corrupt";
    }
    listed.push({
      file: entry.file,
      status,
      bytes: entry.bytes,
      license: entry.license,
      description: entry.description,
      ...(entry.builds ? { builds: entry.builds.id } : {}),
    });
  }
  return listed;
}
