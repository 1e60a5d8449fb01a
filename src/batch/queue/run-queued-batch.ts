// `batch --queue`: the same manifest, summary and report as a local batch, with the work done by `speakerframe
// worker` processes on any machine that sees the same storage. This process prepares and enqueues the jobs, then
// follows them until every one has finished (polling job states, which survives missed events and reconnects),
// reports, and removes its finished jobs from Redis. Interrupted, it leaves the queue to the workers; running it
// again follows the same jobs (their ids are deterministic).
import type { Job, Queue } from "bullmq";
import { pendingReport, type BatchEvent, type RunBatchOptions } from "../run-batch";
import {
  writeBatchReport,
  type BatchJobReport,
  type BatchReport,
  type BatchSourceReport,
} from "../batch-report";
import type { ResolvedJob } from "../parse-manifest";
import { enqueueBatch } from "./enqueue-batch";
import { openQueues, type OpenQueues } from "./open-queues";
import type { QueueConnection } from "./parse-queue-url";
import { prepareQueuedJobs, type AnalysisGroup } from "./prepare-queued-jobs";
import {
  analysisJobId,
  analysisResultSchema,
  fanOutJobId,
  renderJobId,
  renderResultSchema,
  type AnalysisResult,
} from "./queue-protocol";
import { RENDER_JOB_OPTIONS } from "./queue-job-options";
import { readJobState } from "./read-job-state";
import { readQueueMessage } from "./read-queue-message";

export interface RunQueuedBatchOptions extends Omit<RunBatchOptions, "lambda"> {
  queue: QueueConnection;
  /** How often job states are read (default 1000 ms). */
  pollMs?: number;
  /** Called once when jobs wait and no worker is connected. */
  onNoWorkers?: () => void;
}

interface GroupState {
  group: AnalysisGroup;
  source: BatchSourceReport;
  analysis: "pending" | "active" | "done" | "failed";
  result: AnalysisResult | null;
  fannedOut: boolean;
}

export async function runQueuedBatch(options: RunQueuedBatchOptions): Promise<BatchReport> {
  const started = new Date();
  const { signal } = options;
  const emit = (event: BatchEvent) => options.onEvent?.(event);
  const reports: BatchJobReport[] = options.jobs.map(pendingReport);
  const byIndex = new Map(options.jobs.map((job, i) => [job.index, i]));
  const sources = new Map<string, BatchSourceReport>();
  for (const job of options.jobs) {
    const source = sources.get(job.source) ?? emptySource(job.source);
    source.jobs++;
    sources.set(job.source, source);
  }
  const prepared = await prepareQueuedJobs({
    jobs: options.jobs,
    analysis: options.analysis ?? {},
    render: options.render,
    follow: options.follow ?? null,
    force: options.force,
  });
  for (const [source, sha] of prepared.sourceSha256) sources.get(source)!.sha256 = sha;
  for (const [index, outcome] of prepared.settled) {
    const report = reports[byIndex.get(index)!]!;
    Object.assign(report, outcome);
    emit({ type: "job-end", job: options.jobs[byIndex.get(index)!]!, report });
  }

  const snapshot = (): BatchReport => {
    const finished = new Date();
    const count = (status: BatchJobReport["status"]) => reports.filter((r) => r.status === status).length;
    return {
      speakerframe: 1,
      manifest: options.manifestPath,
      mode: "queue",
      concurrency: options.concurrency ?? 1,
      startedAt: started.toISOString(),
      finishedAt: finished.toISOString(),
      seconds: round((finished.getTime() - started.getTime()) / 1000),
      summary: {
        total: reports.length,
        rendered: count("rendered"),
        skipped: count("skipped"),
        failed: count("failed"),
        cancelled: count("cancelled"),
        pending: count("pending"),
      },
      sources: [...sources.values()].map((s) => ({ ...s })),
      jobs: reports.map((r) => ({ ...r })),
    };
  };
  const save = async () => {
    if (options.reportPath) await writeBatchReport(options.reportPath, snapshot());
  };
  if (prepared.groups.length === 0) {
    await save();
    return snapshot();
  }

  const open = await openQueues(options.queue);
  try {
    await enqueueBatch({ queues: open, groups: prepared.groups });
    const groups: GroupState[] = prepared.groups.map((group) => ({
      group,
      source: sources.get(group.analysis.source)!,
      analysis: "pending",
      result: null,
      fannedOut: false,
    }));
    await save();
    await follow({ open, groups, reports, byIndex, options, emit, save });
    if (!signal?.aborted) await removeFinished(open, groups);
  } finally {
    await open.close();
  }
  const report = snapshot();
  if (options.reportPath) await writeBatchReport(options.reportPath, report);
  return report;
}

async function follow(ctx: {
  open: OpenQueues;
  groups: GroupState[];
  reports: BatchJobReport[];
  byIndex: Map<number, number>;
  options: RunQueuedBatchOptions;
  emit: (event: BatchEvent) => void;
  save: () => Promise<void>;
}): Promise<void> {
  const { open, groups, reports, options, emit } = ctx;
  const { queues } = open;
  const reportOf = (job: ResolvedJob) => reports[ctx.byIndex.get(job.index)!]!;
  const announced = new Set<string>();
  const waitingSince = Date.now();
  let warnedNoWorkers = false;
  const finish = async (job: ResolvedJob, change: Partial<BatchJobReport>) => {
    const report = reportOf(job);
    Object.assign(report, change);
    emit({ type: "job-end", job, report });
    await ctx.save();
  };
  const open_ = () =>
    groups.flatMap((g) => g.group.renders).filter(({ job }) => reportOf(job).status === "pending");
  while (open_().length > 0) {
    if (options.signal?.aborted) {
      for (const { job } of open_()) reportOf(job).status = "cancelled";
      for (const { job } of open_()) reportOf(job).error = "interrupted";
      return;
    }
    for (const state of groups) {
      const { group } = state;
      if (state.analysis === "pending" || state.analysis === "active") {
        const { job, state: status } = await readJobState(
          queues.analysis,
          analysisJobId(group.analysis.analysisKey),
        );
        if (status === "active" && state.analysis === "pending") {
          state.analysis = "active";
          emit({ type: "analysis-start", source: group.analysis.source });
        }
        if (status === "completed" && job) {
          state.result = readQueueMessage({
            schema: analysisResultSchema,
            data: job.returnvalue,
            what: `analysis result of ${job.id}`,
          });
          state.analysis = "done";
          state.source.analyses = 1;
          state.source.cacheHits = state.result.from === "cache" ? 1 : 0;
          state.source.analysisSeconds = round(state.result.analysisSeconds);
          state.source.timelinePath = state.result.timelinePath;
          emit({
            type: "analysis-end",
            source: group.analysis.source,
            from: state.result.from,
            seconds: state.result.analysisSeconds,
          });
        } else if (status === "failed" || status === "unknown") {
          state.analysis = "failed";
          const error =
            job?.failedReason ?? `analysis job ${analysisJobId(group.analysis.analysisKey)} left the queue`;
          state.source.error = error;
          for (const { job: resolved } of group.renders) await finish(resolved, { status: "failed", error });
        }
      }
      if (state.analysis === "done" && !state.fannedOut) {
        const { state: status } = await readJobState(queues.fanOut, fanOutJobId(group.analysis.analysisKey));
        // A fan-out of another batch over the same source may not know all our renders: add what is missing.
        if (status === "completed" || status === "failed" || status === "unknown") {
          await addMissingRenders(queues.render, state);
          state.fannedOut = true;
        }
      }
    }
    for (const state of groups.filter((g) => g.fannedOut)) {
      for (const { job: resolved, payload } of state.group.renders) {
        if (reportOf(resolved).status !== "pending") continue;
        const { job, state: status } = await readJobState(queues.render, renderJobId(payload.jobHash));
        if (status === "active" && !announced.has(resolved.id)) {
          announced.add(resolved.id);
          emit({ type: "job-start", job: resolved });
        } else if (status === "completed" && job) {
          const result = readQueueMessage({
            schema: renderResultSchema,
            data: job.returnvalue,
            what: `render result of ${job.id}`,
          });
          await finish(resolved, {
            status: "rendered",
            jobHash: payload.jobHash,
            width: result.width,
            height: result.height,
            fps: result.fps,
            durationInFrames: result.durationInFrames,
            renderSeconds: round(result.renderSeconds),
            warnings: result.warnings,
            follow: result.follow,
          });
        } else if (status === "failed" || status === "unknown") {
          await finish(resolved, {
            status: "failed",
            jobHash: payload.jobHash,
            error: job?.failedReason ?? `render job ${renderJobId(payload.jobHash)} left the queue`,
          });
        }
      }
    }
    if (!warnedNoWorkers && announced.size === 0 && Date.now() - waitingSince > 10_000) {
      warnedNoWorkers = true;
      if ((await queues.analysis.getWorkersCount()) === 0) options.onNoWorkers?.();
    }
    await sleep(options.pollMs ?? 1000, options.signal);
  }
}

async function addMissingRenders(queue: Queue, state: GroupState): Promise<void> {
  const missing: GroupState["group"]["renders"] = [];
  for (const render of state.group.renders) {
    if (!(await queue.getJob(renderJobId(render.payload.jobHash)))) missing.push(render);
  }
  if (missing.length === 0) return;
  await queue.addBulk(
    missing.map(({ payload }) => ({
      name: "render",
      data: { ...payload, timelinePath: state.result!.timelinePath },
      opts: { ...RENDER_JOB_OPTIONS, jobId: renderJobId(payload.jobHash) },
    })),
  );
}

/** The batch read every result: its jobs leave Redis (the report keeps them). */
async function removeFinished(open: OpenQueues, groups: GroupState[]): Promise<void> {
  const remove = async (job: Job | undefined) => {
    if (!job) return;
    const state = await job.getState();
    if (state === "completed" || state === "failed") await job.remove().catch(() => undefined);
  };
  for (const { group } of groups) {
    for (const { payload } of group.renders)
      await remove(await open.queues.render.getJob(renderJobId(payload.jobHash)));
    await remove(await open.queues.fanOut.getJob(fanOutJobId(group.analysis.analysisKey)));
    await remove(await open.queues.analysis.getJob(analysisJobId(group.analysis.analysisKey)));
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
  });
}

function emptySource(source: string): BatchSourceReport {
  return {
    source,
    sha256: null,
    jobs: 0,
    analyses: 0,
    cacheHits: 0,
    analysisSeconds: 0,
    timelinePath: null,
    error: null,
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
