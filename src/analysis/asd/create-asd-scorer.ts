// The pipeline's view of an active-speaker model: give it a window's MFCC and face crops, get per-frame scores.
// Opens the built ONNX parts from the model cache (building them first if needed).
import { join } from "node:path";
import { buildCachedAsdModels } from "../models/build-cached-asd-models";
import { MODEL_MANIFEST, asdModelSource } from "../models/model-manifest";
import { resolveModelCache } from "../models/model-cache";
import type { AsdModelSidecar } from "../models/build-asd-models";
import type { DeviceRequest, ExecutionProviderName } from "../onnx-runtime/create-session";
import { createAsdSessions } from "./create-asd-sessions";
import { scoreTrack } from "./score-track";
import { UsageError } from "../../errors";
import { createTalknetSessions, isTalknetModelId, resolveTalknetModel, scoreTalknetTrack } from "./talknet";

/** Built-in models, plus "talknet" (the newest model added with `speakerframe models add-talknet`). */
export const ASD_MODEL_IDS = [
  ...MODEL_MANIFEST.files.flatMap((f) => (f.builds ? [f.builds.id] : [])),
  "talknet",
];
export type AsdModelId = string;

export interface CreateAsdScorerOptions {
  model: AsdModelId;
  cacheDir?: string;
  device?: DeviceRequest;
  threads?: number;
  /**
   * Built-in models: "exact" (default) scores like the reference; "continuous" skips recomputing the visual
   * frames next to chunk edges, a faster approximation (scoreTrack's visualEdges; bench/notes/approx-scoring.md).
   */
  visualEdges?: "exact" | "continuous";
}

export interface AsdScorer {
  readonly model: AsdModelId;
  readonly executionProvider: ExecutionProviderName;
  /**
   * Unrounded reference scores (mean over the 1..6 s chunkings of the raw speaking logit) for the first
   * min(frameCount, floor(MFCC rows / 4)) frames.
   */
  score(input: AsdScoreInput): Promise<AsdScoreOutput>;
  release(): Promise<void>;
}

export interface AsdScoreInput {
  mfcc: Float32Array;
  crops: Uint8Array;
  frameCount: number;
  /** Also return the continuous-pass embeddings (built-in models only; TalkNet returns none). */
  embeddings?: boolean;
}

export interface AsdScoreOutput {
  scores: Float32Array;
  /** frames × 128 each, when asked for and the model has them. */
  visualEmbeddings?: Float32Array;
  audioEmbeddings?: Float32Array;
}

export async function createAsdScorer(options: CreateAsdScorerOptions): Promise<AsdScorer> {
  if (isTalknetModelId(options.model)) return createTalknetScorer(options);
  if (!ASD_MODEL_IDS.includes(options.model)) {
    throw new UsageError(
      `--model "${options.model}" is not available; use one of: ${ASD_MODEL_IDS.join(", ")}, talknet-<sha8>`,
    );
  }
  const cacheDir = resolveModelCache(options.cacheDir);
  const [built] = await buildCachedAsdModels({ cacheDir, ids: [options.model] });
  const sidecar: AsdModelSidecar = built!.sidecar;
  const path = (file: string) => join(cacheDir, file);
  const sessions = await createAsdSessions({
    kind: sidecar.kind,
    parts: {
      audio: path(sidecar.files.audio),
      backend: path(sidecar.files.backend),
      visualStages: sidecar.files.visualStages.map(path),
      visualStagesUnmasked: sidecar.files.visualStagesUnmasked.map((file) => (file ? path(file) : null)),
    },
    device: options.device,
    threads: options.threads,
  });
  return {
    model: options.model,
    executionProvider: sessions.executionProvider,
    async score({ mfcc, crops, frameCount, embeddings }) {
      const result = await scoreTrack({
        sessions,
        mfcc,
        crops,
        frameCount,
        embeddings,
        ...(options.visualEdges ? { visualEdges: options.visualEdges } : {}),
      });
      return {
        scores: result.scores,
        ...(result.visualEmbeddings ? { visualEmbeddings: result.visualEmbeddings } : {}),
        ...(result.audioEmbeddings ? { audioEmbeddings: result.audioEmbeddings } : {}),
      };
    },
    release: () => sessions.release(),
  };
}

/** A TalkNet model the user added from their own checkpoint; same inputs and outputs as the built-in ones. */
async function createTalknetScorer(options: CreateAsdScorerOptions): Promise<AsdScorer> {
  const resolved = await resolveTalknetModel({ cacheDir: options.cacheDir, id: options.model });
  const sessions = await createTalknetSessions({
    model: resolved.path,
    device: options.device,
    threads: options.threads,
  });
  return {
    model: resolved.id,
    executionProvider: sessions.head.executionProvider,
    async score({ mfcc, crops, frameCount }) {
      return { scores: (await scoreTalknetTrack({ sessions, mfcc, crops, frameCount })).scores };
    },
    release: () => sessions.release(),
  };
}

/** sha256 of the checkpoint a model id was built from (recorded in timelines and analysis cache keys). */
export async function asdModelSha256(model: AsdModelId, cacheDir?: string): Promise<string> {
  if (isTalknetModelId(model)) return (await resolveTalknetModel({ cacheDir, id: model })).sourceSha256;
  if (!ASD_MODEL_IDS.includes(model)) {
    throw new UsageError(
      `--model "${model}" is not available; use one of: ${ASD_MODEL_IDS.join(", ")}, talknet-<sha8>`,
    );
  }
  return asdModelSource(model).sha256;
}
