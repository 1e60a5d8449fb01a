import {
  createSession,
  type DeviceRequest,
  type ExecutionProviderName,
  type InferenceSession,
  type SessionTuning,
} from "../onnx-runtime/create-session";
import type { AsdModelKind } from "./asd-model-kind";
import type { AsdScoringSessions } from "./score-track";

/** Each part as a file path or serialized bytes (buildAsdGraphs output or buildAsdModels files). */
export interface AsdModelParts {
  full?: string | Uint8Array;
  audio: string | Uint8Array;
  backend: string | Uint8Array;
  visualStages: ReadonlyArray<string | Uint8Array>;
  visualStagesUnmasked?: ReadonlyArray<string | Uint8Array | null>;
}

export interface CreateAsdSessionsOptions {
  kind: AsdModelKind;
  parts: AsdModelParts;
  /** Also open the full graph (only the "naive" scoring strategy uses it). */
  includeFull?: boolean;
  device?: DeviceRequest;
  threads?: number;
  /** Session settings of the visual stages (default ASD_VISUAL_STAGE_TUNING). */
  visualStageTuning?: SessionTuning;
}

/**
 * The visual stages run on windows of many lengths, so onnxruntime's CPU arena keeps growing to the largest of
 * each and never gives memory back: ≈ 850 MiB of a podcast analysis's 1.9 GB peak. Without it the peak is ≈ 1 GB
 * (bench/notes/analysis.md, "where the peak RSS sits").
 */
export const ASD_VISUAL_STAGE_TUNING: Readonly<SessionTuning> = { memArena: false };

export interface AsdSessionSet extends AsdScoringSessions {
  /** Where the sessions run (all parts get the same provider). */
  executionProvider: ExecutionProviderName;
  release(): Promise<void>;
}

/** Opens one onnxruntime session per model part. */
export async function createAsdSessions(options: CreateAsdSessionsOptions): Promise<AsdSessionSet> {
  const open = (model: string | Uint8Array, tuning?: SessionTuning) =>
    createSession({
      model,
      ...(options.device ? { device: options.device } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
      ...(tuning ? { tuning } : {}),
    });
  const { parts } = options;
  const stageTuning = options.visualStageTuning ?? ASD_VISUAL_STAGE_TUNING;
  const audio = await open(parts.audio);
  const backend = await open(parts.backend);
  const visualStages = [];
  for (const stage of parts.visualStages) visualStages.push(await open(stage, stageTuning));
  const visualStagesUnmasked: Array<InferenceSession | null> = [];
  for (const stage of parts.visualStagesUnmasked ?? [])
    visualStagesUnmasked.push(stage ? await open(stage, stageTuning) : null);
  const full = options.includeFull && parts.full ? await open(parts.full) : undefined;
  const all = [audio, backend, ...visualStages, ...visualStagesUnmasked, ...(full ? [full] : [])].filter(
    (session): session is InferenceSession => session !== null,
  );
  return {
    kind: options.kind,
    executionProvider: audio.executionProvider,
    audio,
    backend,
    visualStages,
    visualStagesUnmasked,
    ...(full ? { full } : {}),
    release: async () => {
      for (const session of all) await session.release();
    },
  };
}
