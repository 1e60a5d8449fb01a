// Builds (or confirms) the ONNX active-speaker models in the model cache from the fetched checkpoints.
import { buildAsdModels, type BuildAsdModelsResult } from "./build-asd-models";
import { MODEL_MANIFEST, asdModelSource } from "./model-manifest";
import { resolveModelCache, verifiedModelPath } from "./model-cache";

export interface BuildCachedAsdModelsOptions {
  cacheDir?: string;
  /** Only these model ids (default: every checkpoint in the manifest). */
  ids?: string[];
  onProgress?: (id: string, status: BuildAsdModelsResult["status"]) => void;
}

export async function buildCachedAsdModels(
  options: BuildCachedAsdModelsOptions = {},
): Promise<BuildAsdModelsResult[]> {
  const cacheDir = resolveModelCache(options.cacheDir);
  const ids = options.ids ?? MODEL_MANIFEST.files.flatMap((f) => (f.builds ? [f.builds.id] : []));
  const results: BuildAsdModelsResult[] = [];
  for (const id of ids) {
    const source = asdModelSource(id);
    const result = await buildAsdModels({
      checkpointPath: await verifiedModelPath(source.file, cacheDir),
      sha256: source.sha256,
      kind: source.builds.architecture,
      outDir: cacheDir,
      id,
    });
    options.onProgress?.(id, result.status);
    results.push(result);
  }
  return results;
}
