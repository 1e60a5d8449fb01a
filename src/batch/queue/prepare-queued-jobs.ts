// The producer's share of a queued batch, done before anything is enqueued (the batch machine sees the same
// storage as the workers): captions read and checked (a bad one fails its job here, as in a local batch), sources
// hashed once each, job hashes as a local batch computes them (a queued run resumes a local one and vice versa),
// up-to-date outputs skipped, and the remaining jobs grouped by analysis (source + settings).
import { analysisCacheKey, timelineCacheDir } from "../../analysis/analyze-cached";
import { describeFailure } from "../../cli/run-cli";
import { sha256File } from "../../io/sha256-file";
import { checkCaptionInputs } from "../../render/preflight-short";
import { readCaptionInputs } from "../../render/read-caption-inputs";
import type { RenderSettings } from "../../render/render-short";
import type { AnalysisSettings } from "../../render/resolve-short-timeline";
import { computeJobHash } from "../compute-job-hash";
import { followIdentity } from "../follow-identity";
import { isOutputUpToDate } from "../output-sidecar";
import type { ResolvedJob } from "../parse-manifest";
import { envelopeFields, type AnalysisPayload, type RenderPayload } from "./queue-protocol";

export interface AnalysisGroup {
  analysis: AnalysisPayload;
  renders: { job: ResolvedJob; payload: RenderPayload }[];
}

export interface PreparedQueuedJobs {
  groups: AnalysisGroup[];
  /** Jobs settled before enqueueing, by manifest index. */
  settled: Map<number, { status: "skipped" | "failed"; error: string | null; jobHash: string | null }>;
  sourceSha256: Map<string, string>;
}

export async function prepareQueuedJobs(input: {
  jobs: ResolvedJob[];
  analysis: AnalysisSettings;
  render?: RenderSettings;
  /** --follow for jobs that set none. */
  follow?: string | null;
  force?: boolean;
}): Promise<PreparedQueuedJobs> {
  const settings = {
    model: input.analysis.model ?? "lrasd-talkset",
    detectEvery: input.analysis.detectEvery ?? 3,
    sync: input.analysis.sync ?? true,
    scoring: input.analysis.scoring ?? "exact",
    ...(input.analysis.allowTruncated ? { allowTruncated: true as const } : {}),
  };
  const cacheDir = timelineCacheDir(input.analysis.cacheDir);
  const shas = new Map<string, Promise<string>>();
  const sourceSha256 = new Map<string, string>();
  const groups = new Map<string, AnalysisGroup>();
  const settled: PreparedQueuedJobs["settled"] = new Map();
  for (const job of input.jobs) {
    let jobHash: string | null = null;
    try {
      const captions = await readCaptionInputs({ srt: job.srt, words: job.words });
      const wordsText = captions.wordsText;
      checkCaptionInputs({
        srtText: captions.srtText,
        words: captions.words,
        srtOrigin: job.srt ?? "SRT",
        wordsOrigin: job.words ?? undefined,
      });
      if (!shas.has(job.source)) shas.set(job.source, sha256File(job.source));
      const sha = await shas.get(job.source)!;
      sourceSha256.set(job.source, sha);
      const analysisKey = analysisCacheKey(sha, { input: job.source, ...input.analysis });
      const follow = job.follow ?? input.follow ?? null;
      jobHash = computeJobHash({
        analysisKey,
        startSeconds: job.startSeconds,
        endSeconds: job.endSeconds,
        srtText: captions.srtText,
        wordsText,
        template: job.template,
        output: job.output,
        render: {
          crf: input.render?.crf,
          x264Preset: input.render?.x264Preset,
          target: "local",
          composition: input.render?.composition,
        },
        decision: input.analysis.decision,
        follow: await followIdentity(follow),
      });
      if (!input.force && (await isOutputUpToDate(job.output, jobHash))) {
        settled.set(job.index, { status: "skipped", error: null, jobHash });
        continue;
      }
      const group = groups.get(analysisKey) ?? {
        analysis: {
          ...envelopeFields(),
          source: job.source,
          sourceSha256: sha,
          analysisKey,
          settings,
          timelineCacheDir: cacheDir,
        },
        renders: [],
      };
      groups.set(analysisKey, group);
      group.renders.push({
        job,
        payload: {
          ...envelopeFields(),
          jobId: job.id,
          index: job.index,
          jobHash,
          source: job.source,
          output: job.output,
          startSeconds: job.startSeconds,
          endSeconds: job.endSeconds,
          srtText: captions.srtText,
          srtOrigin: job.srt ?? "SRT",
          wordsText,
          wordsOrigin: job.words,
          templateName: job.templateName,
          template: { ...job.template },
          render: {
            ...(input.render?.crf !== undefined ? { crf: input.render.crf } : {}),
            ...(input.render?.x264Preset !== undefined ? { x264Preset: input.render.x264Preset } : {}),
            tabs: input.render?.concurrency ?? null,
            ...(input.render?.composition ? { composition: input.render.composition } : {}),
          },
          ...(input.analysis.decision ? { decision: input.analysis.decision } : {}),
          ...(follow ? { follow } : {}),
          timelinePath: null,
        },
      });
    } catch (error) {
      settled.set(job.index, { status: "failed", error: describeFailure(error).message, jobHash });
    }
  }
  return { groups: [...groups.values()], settled, sourceSha256 };
}
