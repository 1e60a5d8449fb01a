// Analysis with a cache: a timeline is reused when the source bytes, the analysis settings and the model are
// the same. The key is the sha256 of those three, so a changed file, setting or checkpoint re-analyses.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { analyzeVideo, describeTruncation, type AnalyzeVideoOptions } from "./analyze-video";
import { ASD_MODEL_IDS, asdModelSha256 } from "./asd/create-asd-scorer";
import { ensureModels, reportModelFetch } from "./models/ensure-models";
import { asdModelSource } from "./models/model-manifest";
import { sha256File } from "../io/sha256-file";
import { faceEmbeddingSha256 } from "./face-embedding/load-face-embedding-model";
import { readTimelineFile, writeTimelineFile } from "../timeline/timeline-file";
import type { Timeline } from "../timeline/timeline-schema";
import { decideTimeline } from "../decision/decide-timeline";
import packageJson from "../../package.json";

export interface AnalyzeCachedOptions extends AnalyzeVideoOptions {
  /** Timeline cache folder; default SPEAKERFRAME_CACHE/timelines or ~/.cache/speakerframe/timelines. */
  cacheDir?: string;
}

export interface AnalyzeCachedResult {
  timeline: Timeline;
  timelinePath: string;
  /** True when the timeline came from the cache. */
  cached: boolean;
}

export function timelineCacheDir(cacheDir?: string): string {
  if (cacheDir) return cacheDir;
  const root =
    process.env.SPEAKERFRAME_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "speakerframe");
  return join(root, "timelines");
}

/**
 * Revision of the analysis itself; part of the cache key. 2: detect every 3rd frame at 480 px, sync head.
 * 3: the audio's last video frame keeps its neighbour's score. 4: turn changes move back to the pause before them.
 * 5: timeline schema 2: stored evidence (voice activity, voice features, raw scores, sync components); content
 * regions (bars, tiles) per shot. 6: face embeddings per track (people). 7: audio on the container's timestamps.
 * 8: the soundtrack's level per frame (evidence.audioLevels), where speech starts and ends.
 */
const ANALYSIS_PIPELINE_REVISION = 8;

/**
 * The settings that change the evidence an analysis stores; anything else (progress, signal, threads, and every
 * decision setting, which is applied when the timeline is read) does not.
 */
export function analysisCacheKey(
  sourceSha256: string,
  options: AnalyzeVideoOptions,
  /** sha256 of the model's checkpoint (asdModelSha256); defaults to the model id, which names TalkNet ones by hash. */
  modelSha256?: string,
): string {
  const model = options.model ?? "lrasd-talkset";
  const settings = {
    version: packageJson.version,
    // Bump when what analysis computes changes within a version (defaults, sync head), so caches re-analyse.
    pipeline: ANALYSIS_PIPELINE_REVISION,
    source: sourceSha256,
    model,
    modelSha256: modelSha256 ?? builtInModelSha256(model),
    detectEvery: options.detectEvery ?? null,
    sync: options.sync ?? true,
    scoring: options.scoring ?? "exact",
    detectWidth: options.detectWidth ?? null,
    cropFrameMaxHeight: options.cropFrameMaxHeight ?? null,
    shotThreshold: options.shotThreshold ?? null,
    minTrackFrames: options.minTrackFrames ?? null,
    startSeconds: options.startSeconds ?? null,
    durationSeconds: options.durationSeconds ?? null,
    // Only when set, so the keys of every other analysis stay as they were.
    ...(options.allowTruncated ? { allowTruncated: true } : {}),
    faceEmbeddings: options.faceEmbeddings === false ? null : faceEmbeddingSha256(),
  };
  return createHash("sha256").update(JSON.stringify(settings)).digest("hex").slice(0, 32);
}

export async function analyzeCached(options: AnalyzeCachedOptions): Promise<AnalyzeCachedResult> {
  await ensureModels({
    model: options.model,
    cacheDir: options.modelCacheDir,
    signal: options.signal,
    onProgress: reportModelFetch,
  });
  const sourceSha256 = await sha256File(options.input);
  const modelSha256 = await asdModelSha256(options.model ?? "lrasd-talkset", options.modelCacheDir);
  const key = analysisCacheKey(sourceSha256, options, modelSha256);
  const timelinePath = join(timelineCacheDir(options.cacheDir), `${key}.timeline.json`);
  if (existsSync(timelinePath)) {
    try {
      const timeline = await readTimelineFile(timelinePath);
      if (timeline.source.sha256 === sourceSha256) {
        if (timeline.analysis.fallbacks.includes("truncated")) {
          const decoded = timeline.analysis.frameCount / timeline.analysis.fps;
          options.onWarning?.(
            `${describeTruncation(options.input, timeline.source.durationSeconds, decoded)}; using what decodes (--allow-truncated)`,
          );
        }
        return {
          timeline: decideTimeline({ timeline, decision: options.decision }),
          timelinePath,
          cached: true,
        };
      }
    } catch {
      // A damaged cache entry is simply recomputed.
    }
  }
  const timeline = await analyzeVideo(options);
  await writeTimelineFile(timelinePath, timeline);
  return { timeline, timelinePath, cached: false };
}

/** A built-in model's checkpoint sha256; other ids (talknet-<sha8>) already name their checkpoint. */
function builtInModelSha256(model: string): string {
  return ASD_MODEL_IDS.includes(model) && model !== "talknet" ? asdModelSource(model).sha256 : model;
}
