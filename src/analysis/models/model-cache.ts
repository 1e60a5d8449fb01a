// Where models live on disk, and the checks that say whether a cached file can be used.
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join, resolve } from "node:path";
import { sha256File } from "../../io/sha256-file";
import { manifestEntry } from "./model-manifest";
import { UserFacingError } from "../../errors";

/** A user-facing problem with the model store; its message is one line naming the file and the fix. */
export class ModelStoreError extends UserFacingError {
  override name = "ModelStoreError";
}

/**
 * The model folder: the argument, else SPEAKERFRAME_MODEL_CACHE, else per user (SPEAKERFRAME_CACHE/models or
 * ~/.cache/speakerframe/models), so models survive reinstalling the package and are shared by projects.
 */
export function resolveModelCache(cacheDir?: string): string {
  const userCache =
    process.env.SPEAKERFRAME_CACHE ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "speakerframe");
  const dir = cacheDir ?? process.env.SPEAKERFRAME_MODEL_CACHE ?? join(userCache, "models");
  return isAbsolute(dir) ? dir : resolve(dir);
}

/** Path of a verified manifest file in the cache; a missing or tampered file is a one-line error with the fix. */
export async function verifiedModelPath(file: string, cacheDir?: string): Promise<string> {
  const entry = manifestEntry(file);
  const path = join(resolveModelCache(cacheDir), entry.file);
  if (!existsSync(path)) {
    throw new ModelStoreError(
      `model ${entry.file} is missing from ${resolveModelCache(cacheDir)}; run \`speakerframe models fetch\``,
    );
  }
  const actual = await sha256File(path);
  if (actual !== entry.sha256) {
    throw new ModelStoreError(
      `model ${path} has sha256 ${actual}, expected ${entry.sha256}; delete it and run \`speakerframe models fetch\``,
    );
  }
  return path;
}
