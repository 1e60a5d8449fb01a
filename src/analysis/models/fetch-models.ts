// Fills the model cache from a mirror folder or the upstream URLs, verifying every byte by sha256.
import { createWriteStream, existsSync } from "node:fs";
import { access, constants, copyFile, mkdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { withAtomicOutput } from "../../io/atomic-output";
import { sha256File } from "../../io/sha256-file";
import { MODEL_MANIFEST, type ModelFile } from "./model-manifest";
import { ModelStoreError, resolveModelCache } from "./model-cache";

export interface FetchModelsOptions {
  /** Cache folder; default SPEAKERFRAME_MODEL_CACHE or <package>/models/cache. */
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
    const source = mirrorDir ? "mirror" : "url";
    await withAtomicOutput(target, async (temp) => {
      if (mirrorDir) await copyFromMirror(entry, mirrorDir, temp);
      else await download(entry, temp, options.signal);
      const actual = await sha256File(temp);
      if (actual !== entry.sha256) {
        const from = mirrorDir ? join(mirrorDir, entry.file) : entry.url;
        throw new ModelStoreError(
          `${from} has sha256 ${actual}, expected ${entry.sha256}: the file is corrupt or tampered; replace it with the upstream file`,
        );
      }
    });
    result.fetched.push(entry.file);
    options.onProgress?.({ file: entry.file, status: "fetched", source });
  }
  return result;
}

async function copyFromMirror(entry: ModelFile, mirrorDir: string, temp: string): Promise<void> {
  const from = join(mirrorDir, entry.file);
  if (!existsSync(from)) {
    throw new ModelStoreError(
      `model mirror ${mirrorDir} has no ${entry.file} (expected sha256 ${entry.sha256}); copy it there from ${entry.url}`,
    );
  }
  const size = (await stat(from)).size;
  if (size !== entry.bytes) {
    throw new ModelStoreError(
      `${from} is ${size} bytes, expected ${entry.bytes} (sha256 ${entry.sha256}): truncated or wrong file; replace it with the upstream file`,
    );
  }
  await copyFile(from, temp);
}

async function download(entry: ModelFile, temp: string, signal?: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(entry.url, { signal: signal ?? null });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new ModelStoreError(
      `cannot download ${entry.file} from ${entry.url} (${reason}); without network use --from DIR or SPEAKERFRAME_MODEL_MIRROR`,
    );
  }
  if (!response.ok || !response.body) {
    throw new ModelStoreError(`downloading ${entry.file} from ${entry.url} failed: HTTP ${response.status}`);
  }
  await pipeline(Readable.fromWeb(response.body as never), createWriteStream(temp));
}

async function assertWritableFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await access(dir, constants.W_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? "error";
    throw new ModelStoreError(
      `model cache ${dir} is not writable (${reason}); pass --cache DIR or set SPEAKERFRAME_MODEL_CACHE to a writable folder`,
    );
  }
}
