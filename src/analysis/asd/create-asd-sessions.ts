import {
  createSession,
  type DeviceRequest,
  type ExecutionProviderName,
  type InferenceSession,
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
}

export interface AsdSessionSet extends AsdScoringSessions {
  /** Where the sessions run (all parts get the same provider). */
  executionProvider: ExecutionProviderName;
  release(): Promise<void>;
}

/** Opens one onnxruntime session per model part. */
export async function createAsdSessions(options: CreateAsdSessionsOptions): Promise<AsdSessionSet> {
  const open = (model: string | Uint8Array) =>
    createSession({
      model,
      ...(options.device ? { device: options.device } : {}),
      ...(options.threads ? { threads: options.threads } : {}),
    });
  const { parts } = options;
  const audio = await open(parts.audio);
  const backend = await open(parts.backend);
  const visualStages = [];
  for (const stage of parts.visualStages) visualStages.push(await open(stage));
  const visualStagesUnmasked: Array<InferenceSession | null> = [];
  for (const stage of parts.visualStagesUnmasked ?? [])
    visualStagesUnmasked.push(stage ? await open(stage) : null);
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
