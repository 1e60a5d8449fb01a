// `speakerframe worker`: processes analysis, fan-out and render jobs from the queue until stopped. Bad input
// fails its job at once with its one-line error (UnrecoverableError); other failures are retried with backoff by
// BullMQ. A killed worker's jobs are handed to another by BullMQ's stalled-job check after `stallSeconds`.
// stop(): no new jobs; the current ones finish (graceful). stop({ handBack: true }): current jobs are cancelled and
// moved back to the waiting list at once, for another worker.
import { hostname } from "node:os";
import { UnrecoverableError, WaitingError, Worker, type Job, type Processor } from "bullmq";
import type { DeviceRequest } from "../../analysis/onnx-runtime/create-session";
import { describeFailure } from "../../cli/run-cli";
import { CancelledError } from "../../errors";
import { getServeUrl } from "../../render/get-serve-url";
import { openQueues } from "./open-queues";
import type { QueueConnection } from "./parse-queue-url";
import { processAnalysisJob, type WorkerContext } from "./process-analysis-job";
import { processFanOutJob } from "./process-fan-out-job";
import { LostJobLockError, processRenderJob } from "./process-render-job";
import { QUEUE_NAMES } from "./queue-protocol";

export const WORKER_JOB_KINDS = ["analysis", "render"] as const;
export type WorkerJobKind = (typeof WORKER_JOB_KINDS)[number];

export interface RunWorkerOptions {
  queue: QueueConnection;
  /** Jobs of each kind at once (default 1). */
  concurrency?: number;
  /** Which jobs this machine takes (default both): e.g. analysis on GPU machines, renders on CPU ones. */
  kinds?: readonly WorkerJobKind[];
  device?: DeviceRequest;
  modelCacheDir?: string;
  /** Seconds without a lock renewal after which a job counts as stalled and goes to another worker (default 30). */
  stallSeconds?: number;
  log?: (line: string) => void;
}

export interface RunningWorker {
  name: string;
  stop(options?: { handBack?: boolean }): Promise<void>;
}

export async function runWorker(options: RunWorkerOptions): Promise<RunningWorker> {
  const name = `${hostname()}:${process.pid}`;
  const log = options.log ?? (() => undefined);
  const open = await openQueues(options.queue);
  const controller = new AbortController();
  const lockMs = Math.round((options.stallSeconds ?? 30) * 1000);
  const ctx: WorkerContext = {
    name,
    device: options.device,
    modelCacheDir: options.modelCacheDir,
    signal: controller.signal,
    log,
  };
  let handingBack = false;
  const wrap =
    (handle: (job: Job, token: string | undefined) => Promise<unknown>): Processor =>
    async (job, token) => {
      try {
        return await handle(job, token);
      } catch (error) {
        if (handingBack && (controller.signal.aborted || error instanceof CancelledError)) {
          await job.moveToWait(token);
          log(`${job.id}: handed back to the queue`);
          throw new WaitingError();
        }
        if (error instanceof LostJobLockError) throw error;
        const { message, exitCode } = describeFailure(error);
        const retry = exitCode === 70;
        const attempts = job.opts.attempts ?? 1;
        log(
          `${job.id} failed: ${message}${retry && job.attemptsMade + 1 < attempts ? ` (attempt ${job.attemptsMade + 1} of ${attempts}; retried)` : ""}`,
        );
        // Bad input (one-line user errors) fails at once; internal failures may pass on another attempt.
        throw retry ? new Error(message) : new UnrecoverableError(message);
      }
    };
  const common = {
    connection: open.connection,
    lockDuration: lockMs,
    stalledInterval: lockMs,
    maxStalledCount: 2,
  };
  const kinds = options.kinds ?? WORKER_JOB_KINDS;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const workers: Worker[] = [];
  if (kinds.includes("render")) {
    // Bundling is seconds of busy main thread: done before taking jobs, so no job's lock goes unrenewed meanwhile.
    const started = performance.now();
    await getServeUrl();
    log(`compositions bundled in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  if (kinds.includes("analysis")) {
    workers.push(
      new Worker(
        QUEUE_NAMES.analysis,
        wrap((job) => processAnalysisJob(job, ctx)),
        { ...common, concurrency },
      ),
    );
  }
  if (kinds.includes("render")) {
    workers.push(
      new Worker(
        QUEUE_NAMES.fanOut,
        wrap((job) => processFanOutJob(job, open.queues.render)),
        {
          ...common,
          concurrency: 4,
        },
      ),
      new Worker(
        QUEUE_NAMES.render,
        wrap((job, token) => processRenderJob(job, token, { ...ctx, lockMs })),
        {
          ...common,
          concurrency,
        },
      ),
    );
  }
  for (const worker of workers) worker.on("error", (error) => log(`queue error: ${error.message}`));
  await Promise.all(workers.map((w) => w.waitUntilReady()));
  log(`worker ${name} on ${options.queue.display}: ${kinds.join(" + ")}, ${concurrency} at once`);
  return {
    name,
    stop: async ({ handBack = false } = {}) => {
      if (handBack) {
        handingBack = true;
        controller.abort();
      }
      await Promise.all(workers.map((w) => w.close()));
      await open.close();
    },
  };
}
