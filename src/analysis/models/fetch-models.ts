// Fills the model cache from a mirror folder or the upstream URLs, verifying every byte by sha256.
import { existsSync } from "node:fs";
import { access, constants } from "node:fs/promises";
import { makeFolder } from "../../io/make-folder";
import { join } from "node:path";
import { fetchPinnedFile } from "../../io/fetch-pinned-file";
import { sha256File } from "../../io/sha256-file";
import { MODEL_MANIFEST } from "./model-manifest";
import { ModelStoreError, resolveModelCache } from "./model-cache";

export interface FetchModelsOptions {
  /** Cache folder; default SPEAKERFRAME_MODEL_CACHE or ~/.cache/speakerframe/models (resolveModelCache). */
  cacheDir?: string;
  /** Local mirror folder holding the files under their manifest names; default SPEAKERFRAME_MODEL_MIRROR. */
  mirrorDir?: string;
  /** Only these manifest files (default: all). */
  files?: string[];
  onProgress?: (event: FetchProgress) => void;
  signal?: AbortSignal;
}

export interface FetchProgress {
  file: string;
  status: "present" | "fetched";
  source: "cache" | "mirror" | "url";
}

export interface FetchModelsResult {
  cacheDir: string;
  fetched: string[];
  present: string[];
}

export async function fetchModels(options: FetchModelsOptions = {}): Promise<FetchModelsResult> {
  const cacheDir = resolveModelCache(options.cacheDir);
  const mirrorDir = options.mirrorDir ?? process.env.SPEAKERFRAME_MODEL_MIRROR;
  if (mirrorDir && !existsSync(mirrorDir)) {
    throw new ModelStoreError(`model mirror ${mirrorDir} does not exist; pass an existing folder to --from`);
  }
  await assertWritableFolder(cacheDir);
  const wanted = options.files ?? MODEL_MANIFEST.files.map((f) => f.file);
  const result: FetchModelsResult = { cacheDir, fetched: [], present: [] };
  for (const name of wanted) {
    const entry = MODEL_MANIFEST.files.find((f) => f.file === name);
    if (!entry) throw new ModelStoreError(`unknown model file ${name}; see \`speakerframe models list\``);
    const target = join(cacheDir, entry.file);
    if (existsSync(target) && (await sha256File(target)) === entry.sha256) {
      result.present.push(entry.file);
      options.onProgress?.({ file: entry.file, status: "present", source: "cache" });
      continue;
    }
    const inMirror = mirrorDir !== undefined && existsSync(join(mirrorDir, entry.file));
    const source = inMirror || (mirrorDir && !entry.archiveMember) ? "mirror" : "url";
    await fetchPinnedFile({
      entry,
      target,
      mirrorDir,
      kind: "model",
      errorClass: ModelStoreError,
      offlineHint: "--from DIR or SPEAKERFRAME_MODEL_MIRROR",
      signal: options.signal,
    });
    result.fetched.push(entry.file);
    options.onProgress?.({ file: entry.file, status: "fetched", source });
  }
  return result;
}

async function assertWritableFolder(dir: string): Promise<void> {
  try {
    await makeFolder(dir);
    await access(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ModelStoreError(
      `model cache ${dir} is not writable (${reason}); pass --cache DIR or set SPEAKERFRAME_MODEL_CACHE to a writable folder`,
    );
  }
}
