import { Command } from "commander";
import { parseQueueUrl } from "../../batch/queue/parse-queue-url";
import { runWorker, WORKER_JOB_KINDS, type WorkerJobKind } from "../../batch/queue/run-worker";
import { UsageError } from "../../errors";
import { installProcessCleanup } from "../../render/install-process-cleanup";
import { parseChoice, parseIntegerOption } from "../parse-options";
import { DEVICES } from "./shared-options";

export function workerCommand(): Command {
  return new Command("worker")
    .description(
      "process `batch --queue` jobs (analyses and renders) until stopped; SIGTERM finishes the current jobs",
    )
    .requiredOption("--queue <url>", "Redis of the batch: redis://HOST:PORT[/DB]")
    .option(
      "--concurrency <n>",
      "jobs of each kind at once (default 1; one render already uses every core)",
      "1",
    )
    .option(
      "--jobs <kinds>",
      `what this machine takes: ${WORKER_JOB_KINDS.join(", ")} (comma-separated)`,
      "analysis,render",
    )
    .option("--device <device>", `where analysis models run: ${DEVICES.join(", ")}`, "auto")
    .option("--model-cache <dir>", "model cache folder (env SPEAKERFRAME_MODEL_CACHE)")
    .option("--stall-seconds <n>", "hand a dead worker's job to another after this long (5..600)", "30")
    .action(workerAction);
}

async function workerAction(options: WorkerCliOptions): Promise<void> {
  const queue = parseQueueUrl(options.queue);
  const kinds = options.jobs.split(",").map((kind) => parseChoice("--jobs", kind.trim(), WORKER_JOB_KINDS));
  if (kinds.length === 0) throw new UsageError(`--jobs needs at least one of ${WORKER_JOB_KINDS.join(", ")}`);
  installProcessCleanup();
  const log = (line: string) => process.stderr.write(`worker: ${line}\n`);
  const worker = await runWorker({
    queue,
    concurrency: parseIntegerOption("--concurrency", options.concurrency, 1, 64),
    kinds: [...new Set<WorkerJobKind>(kinds)],
    device: parseChoice("--device", options.device, DEVICES),
    modelCacheDir: options.modelCache,
    stallSeconds: parseIntegerOption("--stall-seconds", options.stallSeconds, 5, 600),
    log,
  });
  // First SIGTERM/SIGINT: take no new jobs, finish the current ones. Second: hand them back and leave.
  await new Promise<void>((resolve) => {
    let signals = 0;
    const onSignal = () => {
      signals++;
      if (signals === 1) log("stopping: finishing the current jobs (signal again to hand them back)");
      else {
        log("stopping now: handing the current jobs back");
        // Redis may be gone too: then nothing can be handed back, and BullMQ's stalled check does it later.
        setTimeout(() => process.exit(130), 10_000).unref();
      }
      worker.stop({ handBack: signals > 1 }).then(resolve, resolve);
    };
    process.on("SIGTERM", onSignal);
    process.on("SIGINT", onSignal);
  });
  log("stopped");
}

interface WorkerCliOptions {
  queue: string;
  concurrency: string;
  jobs: string;
  device: string;
  modelCache?: string;
  stallSeconds: string;
}
