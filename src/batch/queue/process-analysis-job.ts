// An analysis job on a worker: the source's timeline from the shared cache, or analysed now and cached there.
// The source must be the bytes the batch hashed (workers see the same storage); the device is the worker's own.
import type { Job } from "bullmq";
import { parseModelOption } from "../../cli/commands/shared-options";
import { UserFacingError } from "../../errors";
import type { DeviceRequest } from "../../analysis/onnx-runtime/create-session";
import { resolveShortTimeline } from "../../render/resolve-short-timeline";
import { analysisPayloadSchema, envelopeFields, type AnalysisResult } from "./queue-protocol";
import { readQueueMessage } from "./read-queue-message";

export interface WorkerContext {
  /** Names this worker in results and logs (host:pid). */
  name: string;
  device?: DeviceRequest;
  modelCacheDir?: string;
  signal: AbortSignal;
  log: (line: string) => void;
}

export async function processAnalysisJob(job: Job, ctx: WorkerContext): Promise<AnalysisResult> {
  const payload = readQueueMessage({
    schema: analysisPayloadSchema,
    data: job.data,
    what: `analysis job ${job.id}`,
  });
  ctx.log(`analysing ${payload.source} (${job.id})`);
  let lastProgress = 0;
  const resolved = await resolveShortTimeline({
    input: payload.source,
    analysis: {
      ...payload.settings,
      model: parseModelOption(payload.settings.model),
      device: ctx.device,
      modelCacheDir: ctx.modelCacheDir,
      cacheDir: payload.timelineCacheDir,
    },
    signal: ctx.signal,
    onAnalyzeProgress: (progress) => {
      if (Date.now() - lastProgress < 2000) return;
      lastProgress = Date.now();
      void job.updateProgress({ stage: progress.stage, done: progress.frame, total: progress.totalFrames });
    },
  });
  if (resolved.timeline.source.sha256 !== payload.sourceSha256) {
    throw new UserFacingError(
      `${payload.source} on worker ${ctx.name} has sha256 ${resolved.timeline.source.sha256.slice(0, 12)}…, not the ${payload.sourceSha256.slice(0, 12)}… the batch enqueued; every machine must see the same files`,
    );
  }
  ctx.log(
    `${resolved.from === "cache" ? "reused cached analysis of" : "analysed"} ${payload.source} (${resolved.analysisSeconds.toFixed(1)} s)`,
  );
  return {
    ...envelopeFields(),
    timelinePath: resolved.timelinePath!,
    from: resolved.from === "cache" ? "cache" : "analysis",
    analysisSeconds: resolved.analysisSeconds,
    worker: ctx.name,
  };
}
