// Once per test run: fill the model cache from the offline mirror (../shared/models) and build the ONNX models.
import { join } from "node:path";
import { fetchModels } from "../src/analysis/models/fetch-models";
import { SHARED_MODELS } from "./helpers/paths";

export default async function setup(): Promise<void> {
  const mirrorDir = process.env.SPEAKERFRAME_MODEL_MIRROR ?? SHARED_MODELS;
  const { cacheDir } = await fetchModels({ mirrorDir });
  try {
    const { buildCachedAsdModels } = await import("../src/analysis/models/build-cached-asd-models");
    await buildCachedAsdModels({ cacheDir });
  } catch (error) {
    if ((error as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw error;
  }
  process.env.SPEAKERFRAME_MODEL_CACHE = cacheDir;
  void join;
}
