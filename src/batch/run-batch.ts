// Runs a validated manifest: each source is hashed and analysed at most once (however many jobs share it, and
// only when some job of it needs rendering), jobs render with bounded concurrency, outputs whose sidecar hash
// matches are skipped (resume), and a failing job is recorded without stopping the others.
import { basename } from "node:path";
import { analysisCacheKey } from "../analysis/analyze-cached";
import type { AnalyzeProgress } from "../analysis/analyze-video";
import { describeFailure } from "../cli/run-cli";
import { CancelledError } from "../errors";
import { resolveOptionalFollow } from "../render/resolve-follow-input";
import { sha256File } from "../io/sha256-file";
import { checkClipCovered } from "../render/check-timeline-source";
import { buildLambdaRequest, inputPropsBytes } from "../render/lambda/build-lambda-request";
import type { LambdaConfig } from "../render/lambda/resolve-lambda-config";
import { checkCaptionInputs, preflightShort } from "../render/preflight-short";
import { readCaptionInputs } from "../render/read-caption-inputs";
import { renderPreparedShort, type RenderSettings, type RenderShortProgress } from "../render/render-short";
import {
  resolveShortTimeline,
  type AnalysisSettings,
  type ResolvedShortTimeline,
} from "../render/resolve-short-timeline";
import {
  writeBatchReport,
  writeBatchReportSync,
  type BatchJobReport,
  type BatchReport,
  type BatchSourceReport,
} from "./batch-report";
import { computeJobHash } from "./compute-job-hash";
import { followIdentity } from "./follow-identity";
import { describeOutputFile, isOutputUpToDate, writeOutputSidecar } from "./output-sidecar";
import type { ResolvedJob } from "./parse-manifest";

export interface RunBatchOptions {
  manifestPath: string;
  jobs: ResolvedJob[];
  /** Jobs rendering at once (default 1: one render already uses every core). */
  concurrency?: number;
  analysis?: AnalysisSettings;
  render?: RenderSettings;
  /** Render on Remotion Lambda instead of locally. */
  lambda?: LambdaConfig | null;
  /** Render even when the output is up to date. */
  force?: boolean;
  /** --follow for jobs that set none (see RenderShortOptions.follow). */
  follow?: string | null;
  /** Also write the report here after every job (so an abrupt exit still leaves an up-to-date report). */
  reportPath?: string;
  signal?: AbortSignal;
  onEvent?: (event: BatchEvent) => void;
}

export type BatchEvent =
  | { type: "analysis-start"; source: string }
  | { type: "analysis-progress"; source: string; progress: AnalyzeProgress }
  | { type: "analysis-end"; source: string; from: ResolvedShortTimeline["from"]; seconds: number }
  | { type: "job-start"; job: ResolvedJob }
  | { type: "job-progress"; job: ResolvedJob; progress: RenderShortProgress }
  | { type: "job-end"; job: ResolvedJob; report: BatchJobReport };

interface SourceState {
  report: BatchSourceReport;
  sha256?: Promise<string>;
  timeline?: Promise<ResolvedShortTimeline>;
}

export async function runBatch(options: RunBatchOptions): Promise<BatchReport> {
  const started = new Date();
  const { signal } = options;
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const analysisSettings = options.analysis ?? {};
  const sources = new Map<string, SourceState>();
  for (const job of options.jobs) {
    const state = sources.get(job.source) ?? {
      report: {
        source: job.source,
        sha256: null,
        jobs: 0,
        analyses: 0,
        cacheHits: 0,
        analysisSeconds: 0,
        timelinePath: null,
        error: null,
      },
    };
    state.report.jobs++;
    sources.set(job.source, state);
  }

  const sourceSha256 = (state: SourceState) => {
    state.sha256 ??= sha256File(state.report.source).then((sha) => (state.report.sha256 = sha));
    return state.sha256;
  };
  // One analysis per source: the first job that needs the timeline starts it, the others await the same promise.
  const sourceTimeline = (state: SourceState) => {
    state.timeline ??= (async () => {
      options.onEvent?.({ type: "analysis-start", source: state.report.source });
      state.report.analyses++;
      try {
        const resolved = await resolveShortTimeline({
          input: state.report.source,
          analysis: analysisSettings,
          signal,
          onAnalyzeProgress: (progress) =>
            options.onEvent?.({ type: "analysis-progress", source: state.report.source, progress }),
        });
        if (resolved.from === "cache") state.report.cacheHits++;
        state.report.analysisSeconds = round(resolved.analysisSeconds);
        state.report.timelinePath = resolved.timelinePath;
        options.onEvent?.({
          type: "analysis-end",
          source: state.report.source,
          from: resolved.from,
          seconds: resolved.analysisSeconds,
        });
        return resolved;
      } catch (error) {
        state.report.error = describeFailure(error).message;
        throw error;
      }
    })();
    return state.timeline;
  };

  const runJob = async (job: ResolvedJob): Promise<BatchJobReport> => {
    const report: BatchJobReport = { ...pendingReport(job), status: "failed" };
    let renderStarted: number | null = null;
    try {
      if (signal?.aborted) throw new CancelledError();
      const state = sources.get(job.source)!;
      const captions = await readCaptionInputs({ srt: job.srt, words: job.words });
      const wordsText = captions.wordsText;
      // A bad SRT or word-timing file fails its job here, before any analysis or browser.
      checkCaptionInputs({
        srtText: captions.srtText,
        words: captions.words,
        srtOrigin: job.srt ?? "SRT",
        wordsOrigin: job.words ?? undefined,
      });
      const sha = await sourceSha256(state);
      const follow = job.follow ?? options.follow ?? null;
      const jobHash = computeJobHash({
        analysisKey: analysisCacheKey(sha, { input: job.source, ...analysisSettings }),
        startSeconds: job.startSeconds,
        endSeconds: job.endSeconds,
        srtText: captions.srtText,
        wordsText,
        template: job.template,
        output: job.output,
        render: {
          crf: options.render?.crf,
          x264Preset: options.render?.x264Preset,
          target: options.lambda ? "lambda" : "local",
          composition: options.render?.composition,
        },
        decision: analysisSettings.decision,
        follow: await followIdentity(follow),
      });
      report.jobHash = jobHash;
      if (!options.force && (await isOutputUpToDate(job.output, jobHash))) {
        report.status = "skipped";
        return report;
      }
      const { timeline, timelinePath } = await sourceTimeline(state);
      const followed = await resolveOptionalFollow({
        timeline,
        who: follow,
        modelCacheDir: analysisSettings.modelCacheDir,
        device: analysisSettings.device,
      });
      report.follow = followed ? { person: followed.label, how: followed.how } : null;
      checkClipCovered({
        timeline,
        timelineOrigin: timelinePath ?? "the timeline",
        startSeconds: job.startSeconds,
        endSeconds: job.endSeconds,
      });
      options.onEvent?.({ type: "job-start", job });
      renderStarted = performance.now();
      const onProgress = (progress: RenderShortProgress) =>
        options.onEvent?.({ type: "job-progress", job, progress });
      let lambda: { renderId: string; bucketName: string } | undefined;
      if (options.lambda) {
        const result = await renderJobOnLambda({
          job,
          lambda: options.lambda,
          timeline,
          captions,
          render: options.render,
          follow: followed?.label ?? null,
          signal,
          onProgress,
        });
        Object.assign(report, result.shape);
        report.warnings = result.warnings;
        report.lambda = result.lambda;
        lambda = { renderId: result.lambda.renderId, bucketName: result.lambda.bucketName };
      } else {
        const result = await renderPreparedShort({
          input: job.source,
          output: job.output,
          timeline,
          srtText: captions.srtText,
          words: captions.words,
          srtOrigin: job.srt ?? "SRT",
          wordsOrigin: job.words ?? undefined,
          startSeconds: job.startSeconds,
          endSeconds: job.endSeconds,
          template: job.template,
          render: options.render,
          follow: followed?.label ?? null,
          signal,
          onProgress,
        });
        Object.assign(report, {
          width: result.width,
          height: result.height,
          fps: result.fps,
          durationInFrames: result.durationInFrames,
        });
        report.warnings = result.warnings;
      }
      await writeOutputSidecar(job.output, {
        speakerframe: 1,
        jobHash,
        jobId: job.id,
        source: job.source,
        renderedAt: new Date().toISOString(),
        width: report.width ?? 0,
        height: report.height ?? 0,
        fps: report.fps ?? 0,
        durationInFrames: report.durationInFrames ?? 0,
        ...(await describeOutputFile(job.output)),
        ...(lambda ? { lambda } : {}),
      });
      report.status = "rendered";
      return report;
    } catch (error) {
      const cancelled = signal?.aborted || error instanceof CancelledError;
      report.status = cancelled ? "cancelled" : "failed";
      report.error = cancelled ? "interrupted" : describeFailure(error).message;
      return report;
    } finally {
      if (renderStarted !== null) report.renderSeconds = round((performance.now() - renderStarted) / 1000);
      options.onEvent?.({ type: "job-end", job, report });
    }
  };

  const reports: BatchJobReport[] = options.jobs.map((job) => pendingReport(job));
  const snapshot = (): BatchReport => {
    const finished = new Date();
    const count = (status: BatchJobReport["status"]) => reports.filter((r) => r.status === status).length;
    return {
      speakerframe: 1,
      manifest: options.manifestPath,
      mode: options.lambda ? "lambda" : "local",
      concurrency,
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
      sources: [...sources.values()].map((s) => ({ ...s.report })),
      jobs: reports.map((r) => ({ ...r })),
    };
  };
  // Snapshots are written one after another so an older one never lands last.
  let writes = Promise.resolve();
  const saveSnapshot = () => {
    if (!options.reportPath) return;
    const report = snapshot();
    const path = options.reportPath;
    writes = writes.then(() => writeBatchReport(path, report)).catch(() => undefined);
  };
  saveSnapshot();
  // Remotion answers SIGINT with process.exit(130) in the middle of a job: the last report on disk must still say
  // which jobs were cut off ("cancelled"), not "pending".
  const onExit = () => {
    if (!options.reportPath) return;
    for (const [i, r] of reports.entries())
      if (r.status === "pending") reports[i] = { ...r, status: "cancelled", error: "interrupted" };
    writeBatchReportSync(options.reportPath, snapshot());
  };
  process.on("exit", onExit);
  let next = 0;
  const worker = async () => {
    while (next < options.jobs.length) {
      const position = next++;
      reports[position] = await runJob(options.jobs[position]!);
      saveSnapshot();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, options.jobs.length) }, worker));
  await writes;
  process.off("exit", onExit);
  const report = snapshot();
  if (options.reportPath) await writeBatchReport(options.reportPath, report);
  return report;
}

export function pendingReport(job: ResolvedJob): BatchJobReport {
  return {
    index: job.index,
    id: job.id,
    source: job.source,
    output: job.output,
    status: "pending",
    error: null,
    jobHash: null,
    template: job.templateName,
    startSeconds: job.startSeconds,
    endSeconds: job.endSeconds,
    width: null,
    height: null,
    fps: null,
    durationInFrames: null,
    renderSeconds: 0,
    warnings: [],
    lambda: null,
    follow: null,
  };
}

async function renderJobOnLambda(input: {
  job: ResolvedJob;
  lambda: LambdaConfig;
  timeline: ResolvedShortTimeline["timeline"];
  captions: { srtText: string; words: unknown };
  render?: RenderSettings;
  /** Person to follow ("P2"), already resolved. */
  follow: string | null;
  signal?: AbortSignal;
  onProgress: (progress: RenderShortProgress) => void;
}) {
  const { job } = input;
  const request = buildLambdaRequest({
    config: input.lambda,
    jobId: job.id,
    sourceUrl: job.sourceUrl!,
    timeline: input.timeline,
    srtText: input.captions.srtText,
    words: input.captions.words,
    startSeconds: job.startSeconds,
    endSeconds: job.endSeconds,
    template: job.template,
    outputFileName: basename(job.output),
    crf: input.render?.crf,
    x264Preset: input.render?.x264Preset,
    compositionId: input.render?.composition?.id,
    follow: input.follow,
  });
  // Validate SRT, words and clip locally before paying for Lambda invocations.
  const prepared = preflightShort({
    props: request.inputProps,
    timeline: input.timeline,
    srtText: input.captions.srtText,
    words: input.captions.words,
    srtOrigin: job.srt ?? "SRT",
    wordsOrigin: job.words ?? undefined,
  });
  const { renderOnLambda } = await import("../render/lambda/render-on-lambda");
  const total = prepared.clip.durationInFrames;
  const result = await renderOnLambda({
    request,
    output: job.output,
    signal: input.signal,
    onProgress: (fraction) =>
      input.onProgress({ stage: "render", done: Math.round(fraction * total), total }),
  });
  return {
    shape: {
      width: request.inputProps.output.width,
      height: request.inputProps.output.height,
      fps: prepared.clip.fps,
      durationInFrames: total,
    },
    warnings: prepared.warnings,
    lambda: {
      renderId: result.renderId,
      bucketName: result.bucketName,
      inputPropsBytes: inputPropsBytes(request),
    },
  };
}

const round = (value: number) => Math.round(value * 100) / 100;
