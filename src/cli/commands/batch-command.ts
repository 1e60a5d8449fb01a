import { basename, dirname, extname, join, resolve } from "node:path";
import { Command } from "commander";
import { checkBatchPaths } from "../../batch/check-batch-paths";
import { followFileKind } from "../../render/follow-file-kind";
import { formatBatchSummary } from "../../batch/format-batch-summary";
import { loadManifest } from "../../batch/load-manifest";
import { parseQueueUrl } from "../../batch/queue/parse-queue-url";
import { runQueuedBatch } from "../../batch/queue/run-queued-batch";
import { runBatch } from "../../batch/run-batch";
import { CancelledError, UsageError } from "../../errors";
import { loadTemplateConfig } from "../../render/load-template-config";
import { resolveLambdaConfig, type LambdaConfig } from "../../render/lambda/resolve-lambda-config";
import { cliSignal } from "../cli-signal";
import { parseIntegerOption } from "../parse-options";
import { createProgressReporter } from "../progress-reporter";
import { interruptibleAction } from "../interruptible-action";
import { createStagedProgress } from "./render-command";
import {
  addAnalysisOptions,
  addCompositionOptions,
  addEncodeOptions,
  parseAnalysisOptions,
  parseCompositionOptions,
  printWarning,
  parseEncodeOptions,
  type AnalysisCliOptions,
  type CompositionCliOptions,
  type EncodeCliOptions,
} from "./shared-options";

export function batchCommand(): Command {
  const command = new Command("batch")
    .description("render many shorts from a manifest: each source analysed once, resumable, one report")
    .argument("<manifest>", "jobs file: .json, .yaml/.yml or .csv")
    .option(
      "--report <file>",
      "JSON report to write (default: <manifest name>.report.json beside the manifest)",
    )
    .option(
      "--concurrency <n>",
      "jobs rendering at once (default 1; one render already uses every core)",
      "1",
    )
    .option("--config <file>", "templates config (JSON or YAML); the manifest's own templates win")
    .option("--force", "render every job even when its output is up to date")
    .option(
      "--follow <who>",
      "follow one person in every job that names none: P2, a source time (01:23.5), a face image (.jpg/.png) or a voice excerpt of the video (.wav/.mp3/…)",
    )
    .option(
      "--queue <url>",
      "enqueue on Redis (redis://HOST:PORT) for `speakerframe worker` processes and follow them",
    );
  addAnalysisOptions(command, { caches: true });
  addCompositionOptions(command);
  return addEncodeOptions(command, "browser tabs per local render (default: half the cores)")
    .option("--lambda", "render on Remotion Lambda (analysis stays local; needs @remotion/lambda)")
    .option(
      "--lambda-region <region>",
      "AWS region of the function and site (env SPEAKERFRAME_LAMBDA_REGION, AWS_REGION)",
    )
    .option("--lambda-function <name>", "deployed render function (env SPEAKERFRAME_LAMBDA_FUNCTION)")
    .option("--serve-url <url>", "deployed site of src/compositions (env SPEAKERFRAME_LAMBDA_SERVE_URL)")
    .option(
      "--source-base-url <url>",
      "where sources are uploaded: job URL = base + file name (env SPEAKERFRAME_LAMBDA_SOURCE_BASE_URL)",
    )
    .option("--frames-per-lambda <n>", "frames each Lambda renders (default: Remotion's choice)")
    .option("--lambda-privacy <privacy>", "public, private or no-acl (default public)")
    .option("--json", "print the JSON report on stdout instead of progress and the table")
    .action(
      interruptibleAction("batch interrupted; finished jobs are kept, run it again to resume", batchAction),
    );
}

async function batchAction(manifestPath: string, options: BatchCliOptions): Promise<void> {
  const signal = cliSignal();
  const lambda: LambdaConfig | null = options.lambda
    ? resolveLambdaConfig({
        region: options.lambdaRegion,
        functionName: options.lambdaFunction,
        serveUrl: options.serveUrl,
        sourceBaseUrl: options.sourceBaseUrl,
        privacy: options.lambdaPrivacy,
        framesPerLambda: options.framesPerLambda
          ? parseIntegerOption("--frames-per-lambda", options.framesPerLambda, 4, 100_000)
          : undefined,
      })
    : null;
  const concurrency = parseIntegerOption("--concurrency", options.concurrency, 1, 64);
  const queue = options.queue ? parseQueueUrl(options.queue) : null;
  if (queue && lambda) throw new UsageError("--queue and --lambda cannot be combined; choose one");
  const analysis = { ...parseAnalysisOptions(options), onWarning: printWarning };
  const composition = parseCompositionOptions(options);
  if (lambda && composition?.entryPoint)
    throw new UsageError(
      "--entry cannot be used with --lambda: deploy your project as a site and pass its --serve-url and --composition",
    );
  const render = { ...parseEncodeOptions(options), composition };
  const reportPath = resolve(
    options.report ??
      join(dirname(manifestPath), `${basename(manifestPath, extname(manifestPath))}.report.json`),
  );
  const templates = options.config ? await loadTemplateConfig(options.config) : undefined;
  const manifest = await loadManifest({
    path: manifestPath,
    templates,
    lambda: lambda ? { sourceBaseUrl: lambda.sourceBaseUrl } : undefined,
  });
  checkBatchPaths({
    manifestPath: resolve(manifestPath),
    reportPath,
    configPath: options.config,
    jobs: manifest.jobs,
  });
  const verbose = !options.json;
  const log = (line: string) => verbose && process.stderr.write(`${line}\n`);
  const total = manifest.jobs.length;
  // Bars only when one job runs at a time; parallel jobs log lines.
  const bars = concurrency === 1 && !queue;
  let progress = createStagedProgress(false);
  let analysisBar = createProgressReporter("", false);
  const run = queue
    ? (common: Parameters<typeof runBatch>[0]) =>
        runQueuedBatch({
          ...common,
          queue,
          onNoWorkers: () =>
            log(`no worker is connected yet: start \`speakerframe worker --queue ${queue.display}\``),
        })
    : runBatch;
  if (queue) log(`enqueueing ${total} job(s) on ${queue.display}`);
  const report = await run({
    manifestPath: resolve(manifestPath),
    jobs: manifest.jobs,
    concurrency,
    analysis,
    render,
    lambda,
    force: options.force,
    // A file path reaches workers on other machines and cwds: make it absolute.
    follow:
      options.follow && followFileKind(options.follow) ? resolve(options.follow) : (options.follow ?? null),
    reportPath,
    signal,
    onEvent: (event) => {
      switch (event.type) {
        case "analysis-start":
          log(`analysing ${event.source}`);
          analysisBar = createProgressReporter(`analyze ${basename(event.source)}`, verbose && bars);
          break;
        case "analysis-progress":
          analysisBar.update(event.progress.stage, event.progress.frame, event.progress.totalFrames);
          break;
        case "analysis-end":
          analysisBar.stop();
          log(
            `${event.from === "cache" ? "reused cached analysis of" : "analysed"} ${event.source} (${event.seconds.toFixed(1)} s)`,
          );
          break;
        case "job-start":
          log(`[${event.job.index + 1}/${total}] ${event.job.id}: rendering ${event.job.output}`);
          progress = createStagedProgress(verbose && bars, `${event.job.id} `);
          break;
        case "job-progress":
          progress.update(event.progress);
          break;
        case "job-end": {
          progress.stop();
          const { report: job } = event;
          const what =
            job.status === "skipped"
              ? "up to date, skipped"
              : job.status === "rendered"
                ? "done"
                : `${job.status}: ${job.error}`;
          log(`[${event.job.index + 1}/${total}] ${job.id}: ${what}`);
          break;
        }
      }
    },
  });
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${formatBatchSummary(report)}\nreport: ${reportPath}\n`);
  if (signal.aborted || report.summary.cancelled > 0) throw new CancelledError("batch interrupted");
  if (report.summary.failed > 0) process.exitCode = 1;
}

interface BatchCliOptions extends AnalysisCliOptions, EncodeCliOptions, CompositionCliOptions {
  report?: string;
  concurrency: string;
  config?: string;
  force?: boolean;
  follow?: string;
  lambda?: boolean;
  lambdaRegion?: string;
  lambdaFunction?: string;
  serveUrl?: string;
  sourceBaseUrl?: string;
  framesPerLambda?: string;
  lambdaPrivacy?: string;
  json?: boolean;
  queue?: string;
}
