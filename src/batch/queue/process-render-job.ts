// A render job on a worker. Exactly one write per output, however often the job is attempted or handed over:
// an output whose sidecar already carries the job hash is not rendered again (an earlier attempt finished it);
// the render goes to a temp file beside the output, is checked with ffprobe (size, duration, audio), and is
// renamed onto the output only while this worker still holds the job's lock (a stalled job handed to another
// worker never lands twice).
import type { Job } from "bullmq";
import { probeMedia } from "../../analysis/ffmpeg";
import { withAtomicOutput } from "../../io/atomic-output";
import { checkClipCovered } from "../../render/check-timeline-source";
import type { X264Preset } from "../../render/render-composition";
import { renderPreparedShort } from "../../render/render-short";
import { resolveOptionalFollow } from "../../render/resolve-follow-input";
import type { ResolvedTemplate } from "../../render/resolve-template";
import { readTimelineFile } from "../../timeline/timeline-file";
import { decideTimeline } from "../../decision/decide-timeline";
import { UserFacingError } from "../../errors";
import { isOutputUpToDate, readOutputSidecar, writeOutputSidecar } from "../output-sidecar";
import type { WorkerContext } from "./process-analysis-job";
import { envelopeFields, renderPayloadSchema, type RenderPayload, type RenderResult } from "./queue-protocol";
import { readQueueMessage } from "./read-queue-message";

/** Containers round durations to the audio frame; a frame or two of slack. */
const DURATION_SLACK_SECONDS = 0.15;

export class LostJobLockError extends Error {
  override name = "LostJobLockError";
}

export async function processRenderJob(
  job: Job,
  token: string | undefined,
  ctx: WorkerContext & { lockMs: number },
): Promise<RenderResult> {
  const payload = readQueueMessage({
    schema: renderPayloadSchema,
    data: job.data,
    what: `render job ${job.id}`,
  });
  if (await isOutputUpToDate(payload.output, payload.jobHash)) {
    const sidecar = await readOutputSidecar(payload.output);
    ctx.log(`${payload.jobId}: ${payload.output} already written by an earlier attempt`);
    return result(payload, ctx, { ...sidecar!, renderSeconds: 0, warnings: [], wrote: false, follow: null });
  }
  if (!payload.timelinePath) throw new UserFacingError(`render job ${job.id} carries no timeline path`);
  const timeline = decideTimeline({
    timeline: await readTimelineFile(payload.timelinePath),
    decision: payload.decision,
  });
  checkClipCovered({
    timeline,
    timelineOrigin: payload.timelinePath,
    startSeconds: payload.startSeconds,
    endSeconds: payload.endSeconds,
  });
  const followed = await resolveOptionalFollow({
    timeline,
    who: payload.follow,
    modelCacheDir: ctx.modelCacheDir,
    device: ctx.device,
  });
  const follow = followed ? { person: followed.label, how: followed.how } : null;
  ctx.log(`${payload.jobId}: rendering ${payload.output} (${job.id}, attempt ${job.attemptsMade + 1})`);
  let lastProgress = 0;
  const rendered = await withAtomicOutput(payload.output, async (temp) => {
    const shape = await renderPreparedShort({
      input: payload.source,
      output: temp,
      timeline,
      srtText: payload.srtText,
      words: payload.wordsText ? (JSON.parse(payload.wordsText) as unknown) : null,
      srtOrigin: payload.srtOrigin,
      wordsOrigin: payload.wordsOrigin ?? undefined,
      startSeconds: payload.startSeconds,
      endSeconds: payload.endSeconds,
      template: payload.template as ResolvedTemplate,
      render: {
        concurrency: payload.render.tabs,
        crf: payload.render.crf,
        x264Preset: payload.render.x264Preset as X264Preset | undefined,
        composition: payload.render.composition,
      },
      follow: followed?.label ?? null,
      signal: ctx.signal,
      onProgress: (progress) => {
        if (Date.now() - lastProgress < 1000) return;
        lastProgress = Date.now();
        void job.updateProgress({ stage: progress.stage, done: progress.done, total: progress.total });
      },
    });
    await verifyShort(temp, shape);
    // Still ours? A worker that lost its lock (stalled, handed over) must not land a second copy.
    if (!token || (await job.extendLock(token, ctx.lockMs)) !== 1) {
      throw new LostJobLockError(`${payload.jobId}: lost the lock of ${job.id}; another worker took it over`);
    }
    return shape;
  });
  await writeOutputSidecar(payload.output, {
    speakerframe: 1,
    jobHash: payload.jobHash,
    jobId: payload.jobId,
    source: payload.source,
    renderedAt: new Date().toISOString(),
    width: rendered.width,
    height: rendered.height,
    fps: rendered.fps,
    durationInFrames: rendered.durationInFrames,
  });
  ctx.log(`${payload.jobId}: wrote ${payload.output}`);
  return result(payload, ctx, { ...rendered, wrote: true, follow });
}

async function verifyShort(
  path: string,
  expected: { width: number; height: number; fps: number; durationInFrames: number },
): Promise<void> {
  const info = await probeMedia(path);
  const seconds = expected.durationInFrames / expected.fps;
  const problems = [
    info.width !== expected.width || info.height !== expected.height
      ? `is ${info.width}x${info.height}, expected ${expected.width}x${expected.height}`
      : null,
    Math.abs(info.durationSeconds - seconds) > DURATION_SLACK_SECONDS
      ? `lasts ${info.durationSeconds.toFixed(2)} s, expected ${seconds.toFixed(2)} s`
      : null,
    info.hasAudio ? null : "has no audio track",
  ].filter(Boolean);
  // Not bad input: a broken encode is retried.
  if (problems.length) throw new Error(`the rendered file ${problems.join(", ")}`);
}

function result(
  payload: RenderPayload,
  ctx: WorkerContext,
  shape: {
    width: number;
    height: number;
    fps: number;
    durationInFrames: number;
    renderSeconds: number;
    warnings: string[];
    wrote: boolean;
    follow: RenderResult["follow"];
  },
): RenderResult {
  return {
    ...envelopeFields(),
    width: shape.width,
    height: shape.height,
    fps: shape.fps,
    durationInFrames: shape.durationInFrames,
    renderSeconds: shape.renderSeconds,
    warnings: shape.warnings,
    wrote: shape.wrote,
    follow: shape.follow,
    worker: ctx.name,
  };
}
