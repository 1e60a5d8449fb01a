// The one module that touches onnxruntime-node. Everything else passes plain typed arrays through it.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Ort from "onnxruntime-node";
import { UserFacingError } from "../../errors";

/**
 * onnxruntime-node 1.30 ships Microsoft's telemetry: on load it writes `$TMPDIR/mat-debug-<pid>.log`, `$TMPDIR/.ses`
 * and a device id plus an event queue under `~/.cache/Microsoft/DeveloperTools/.onnxruntime`, and uploads them.
 * ORT_DISABLE_TELEMETRY=1, read when the native library starts, turns all of it off; so the library is loaded
 * lazily, after that is set. Users who want to send telemetry set ORT_DISABLE_TELEMETRY=0 themselves.
 */
let ortModule: Promise<typeof Ort> | undefined;
function loadOrt(): Promise<typeof Ort> {
  process.env.ORT_DISABLE_TELEMETRY ??= "1";
  ortModule ??= import("onnxruntime-node");
  return ortModule;
}

export type DeviceRequest = "auto" | "cpu" | "cuda" | "webgpu";
export type ExecutionProviderName = "cpu" | "cuda" | "webgpu";

export interface CreateSessionOptions {
  /** Path of an .onnx file, or the serialized model bytes. */
  model: string | Uint8Array;
  device?: DeviceRequest;
  /** Intra-op threads; default: onnxruntime's own choice (all cores). */
  threads?: number;
  /** Thread-pool and memory settings (see SessionTuning), over the defaults (DEFAULT_SESSION_TUNING). */
  tuning?: SessionTuning;
}

/** onnxruntime CPU settings, measured in bench/notes/analysis.md. */
export interface SessionTuning {
  /** Whether idle intra-op worker threads spin-wait for the next op (onnxruntime's default: true). */
  spinning?: boolean;
  /** Inter-op threads (only used by executionMode "parallel"). */
  interOpThreads?: number;
  executionMode?: "sequential" | "parallel";
  graphOptimizationLevel?: "disabled" | "basic" | "extended" | "layout" | "all";
  /** onnxruntime's CPU memory arena (default true). */
  memArena?: boolean;
  /** Memory-pattern planning for repeated same-shape runs (default true). */
  memPattern?: boolean;
}

/**
 * Defaults: no spin-waiting. The analysis shares two cores between ffmpeg, the frame loop and a dozen sessions
 * (each with its own intra-op pool); spinning workers burn the core the others need (YuNet 640 px, 2 threads:
 * 24 → 14 CPU ms/frame; LR-ASD one minute: 17–19 → 14–16 CPU s).
 */
export const DEFAULT_SESSION_TUNING: Readonly<SessionTuning> = { spinning: false };

let defaultTuning: SessionTuning = { ...DEFAULT_SESSION_TUNING };

/** Replaces the tuning used when a createSession call gives none (benchmarks compare settings with it). */
export function setDefaultSessionTuning(tuning: SessionTuning): void {
  defaultTuning = { ...tuning };
}

export interface InferenceSession {
  readonly executionProvider: ExecutionProviderName;
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(
    feeds: Record<string, TensorInput>,
    outputNames?: readonly string[],
  ): Promise<Record<string, TensorOutput>>;
  release(): Promise<void>;
}

export interface TensorInput {
  data: Float32Array | BigInt64Array | Int32Array | Uint8Array;
  dims: readonly number[];
}

export interface TensorOutput {
  data: Float32Array;
  dims: readonly number[];
}

export class DeviceUnavailableError extends UserFacingError {
  override name = "DeviceUnavailableError";
}

/** Whether onnxruntime-node's CUDA provider library is installed (`npm run install-gpu`). */
function cudaProviderInstalled(): boolean {
  try {
    const ortDir = dirname(createRequire(import.meta.url).resolve("onnxruntime-node/package.json"));
    const binDir = join(ortDir, "bin", "napi-v6", process.platform, process.arch);
    return existsSync(join(binDir, "libonnxruntime_providers_cuda.so"));
  } catch {
    return false;
  }
}

function candidateProviders(device: DeviceRequest): ExecutionProviderName[] {
  switch (device) {
    case "cpu":
      return ["cpu"];
    case "cuda":
      if (!cudaProviderInstalled()) {
        throw new DeviceUnavailableError(
          'device "cuda" is not available: the CUDA execution provider is not installed; run `npm run install-gpu` (needs CUDA 12) or use --device cpu',
        );
      }
      return ["cuda"];
    case "webgpu":
      return ["webgpu"];
    case "auto":
      // Probing a missing provider makes onnxruntime print native errors, so only try what is installed.
      return cudaProviderInstalled() ? ["cuda", "cpu"] : ["cpu"];
  }
}

/** Creates a session on the requested device; `auto` falls back to CPU when no GPU provider loads. */
export async function createSession(options: CreateSessionOptions): Promise<InferenceSession> {
  const ort = await loadOrt();
  const device = options.device ?? "cpu";
  let lastError: unknown;
  for (const provider of candidateProviders(device)) {
    try {
      const sessionOptions = ortSessionOptions(provider, options.threads, {
        ...defaultTuning,
        ...options.tuning,
      });
      const session =
        typeof options.model === "string"
          ? await ort.InferenceSession.create(options.model, sessionOptions)
          : await ort.InferenceSession.create(options.model, sessionOptions);
      return wrapSession(ort, session, provider);
    } catch (error) {
      lastError = error;
    }
  }
  const reason = lastError instanceof Error ? lastError.message.split("\n")[0] : String(lastError);
  throw new DeviceUnavailableError(
    `device "${device}" is not available here (${reason}); use --device cpu, or install the GPU provider with \`npm run install-gpu\``,
  );
}

function ortSessionOptions(
  provider: ExecutionProviderName,
  threads: number | undefined,
  tuning: SessionTuning,
): Ort.InferenceSession.SessionOptions {
  const spinning = tuning.spinning ?? true;
  const interOp = tuning.interOpThreads ?? (threads ? 1 : undefined);
  return {
    executionProviders: [provider],
    graphOptimizationLevel: tuning.graphOptimizationLevel ?? "all",
    ...(threads ? { intraOpNumThreads: threads } : {}),
    ...(interOp ? { interOpNumThreads: interOp } : {}),
    ...(tuning.executionMode ? { executionMode: tuning.executionMode } : {}),
    ...(tuning.memArena === false ? { enableCpuMemArena: false } : {}),
    ...(tuning.memPattern === false ? { enableMemPattern: false } : {}),
    ...(spinning
      ? {}
      : { extra: { session: { intra_op: { allow_spinning: "0" }, inter_op: { allow_spinning: "0" } } } }),
  };
}

function wrapSession(
  ort: typeof Ort,
  session: Ort.InferenceSession,
  provider: ExecutionProviderName,
): InferenceSession {
  return {
    executionProvider: provider,
    inputNames: session.inputNames,
    outputNames: session.outputNames,
    async run(feeds, outputNames) {
      const ortFeeds: Record<string, Ort.Tensor> = {};
      for (const [name, tensor] of Object.entries(feeds)) {
        ortFeeds[name] = new ort.Tensor(tensorType(tensor.data), tensor.data, tensor.dims);
      }
      const results = outputNames
        ? await session.run(ortFeeds, outputNames as string[])
        : await session.run(ortFeeds);
      const outputs: Record<string, TensorOutput> = {};
      for (const [name, tensor] of Object.entries(results)) {
        outputs[name] = { data: tensor.data as Float32Array, dims: tensor.dims };
      }
      return outputs;
    },
    release: () => session.release(),
  };
}

function tensorType(data: TensorInput["data"]): "float32" | "int64" | "int32" | "uint8" {
  if (data instanceof Float32Array) return "float32";
  if (data instanceof BigInt64Array) return "int64";
  if (data instanceof Int32Array) return "int32";
  return "uint8";
}
