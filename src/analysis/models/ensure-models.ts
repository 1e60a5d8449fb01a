// Models on first use: analyze, render and batch fetch the files an analysis needs (mirror or pinned URL, sha256
// checked) into the per-user model cache and build the ONNX active-speaker model, so no separate step is needed.
import { buildCachedAsdModels } from "./build-cached-asd-models";
import { fetchModels, type FetchProgress } from "./fetch-models";
import { MODEL_MANIFEST } from "./model-manifest";
import { FACE_EMBEDDING_FILES } from "../face-embedding/load-face-embedding-model";

export interface EnsureModelsOptions {
  /** Active-speaker model id (default lrasd-talkset); TalkNet checkpoints are the user's own (add-talknet). */
  model?: string;
  cacheDir?: string;
  mirrorDir?: string;
  signal?: AbortSignal;
  /** Called for each file fetched or found. */
  onProgress?: (event: FetchProgress) => void;
}

export const FACE_DETECTOR_FILE = "yunet_n_dynamic.onnx";
/** The voice-activity model every analysis with a soundtrack runs. */
export const VAD_MODEL_FILE = "silero_vad_v6.onnx";

export async function ensureModels(options: EnsureModelsOptions = {}): Promise<void> {
  const model = options.model ?? "lrasd-talkset";
  const checkpoint = MODEL_MANIFEST.files.find((f) => f.builds?.id === model);
  const { cacheDir } = await fetchModels({
    cacheDir: options.cacheDir,
    mirrorDir: options.mirrorDir,
    files: [
      FACE_DETECTOR_FILE,
      VAD_MODEL_FILE,
      ...FACE_EMBEDDING_FILES,
      ...(checkpoint ? [checkpoint.file] : []),
    ],
    signal: options.signal,
    onProgress: options.onProgress,
  });
  if (checkpoint) await buildCachedAsdModels({ cacheDir, ids: [model] });
}

/** One stderr line per file actually fetched (first use), e.g. "fetched model yunet_n_dynamic.onnx (url)". */
export function reportModelFetch(event: FetchProgress): void {
  if (event.status === "fetched") process.stderr.write(`fetched model ${event.file} (${event.source})\n`);
}
