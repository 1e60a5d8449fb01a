// The timeline for a render: a given file (checked against the video), else the analysis cache, else a fresh
// analysis of the whole video (cached, so other clips of the same video reuse it).
import { analyzeCached } from "../analysis/analyze-cached";
import type { AnalyzeProgress } from "../analysis/analyze-video";
import type { AsdModelId } from "../analysis/asd/create-asd-scorer";
import { assertReadableFile, probeMedia } from "../analysis/ffmpeg";
import type { DeviceRequest } from "../analysis/onnx-runtime/create-session";
import { sha256File } from "../io/sha256-file";
import { readTimelineFile } from "../timeline/timeline-file";
import type { Timeline } from "../timeline/timeline-schema";
import { decideTimeline } from "../decision/decide-timeline";
import type { DecisionParams } from "../decision/decision-params";
import { checkTimelineMeaning } from "./check-timeline-meaning";
import { checkTimelineSource } from "./check-timeline-source";

/** Analysis settings shared by render and batch (they key the analysis cache). */
export interface AnalysisSettings {
  model?: AsdModelId;
  device?: DeviceRequest;
  detectEvery?: number;
  /** Audio-visual sync head (default true); see AnalyzeVideoOptions.sync. */
  sync?: boolean;
  /** Settings of the decision of who speaks (applied to the timeline as read; they never re-analyse). */
  decision?: Partial<DecisionParams>;
  /** "exact" (default) or "fast"; see AnalyzeVideoOptions.scoring. */
  scoring?: "exact" | "fast";
  /** Model cache folder. */
  modelCacheDir?: string;
  /** Timeline cache folder (default SPEAKERFRAME_CACHE/timelines or ~/.cache/speakerframe/timelines). */
  cacheDir?: string;
  /** Analyse a truncated video (what decodes of it) instead of failing; see AnalyzeVideoOptions.allowTruncated. */
  allowTruncated?: boolean;
  /** Receives warnings meant for the user, e.g. that a truncated video was analysed. */
  onWarning?: (message: string) => void;
}

export interface ResolveShortTimelineInput {
  input: string;
  /** A timeline file or object to use instead of analysing. */
  timeline?: string | Timeline;
  analysis?: AnalysisSettings;
  signal?: AbortSignal;
  onAnalyzeProgress?: (progress: AnalyzeProgress) => void;
}

export interface ResolvedShortTimeline {
  timeline: Timeline;
  /** Where the timeline lives (null for a given object). */
  timelinePath: string | null;
  /** given: --timeline; cache: reused analysis; analysis: analysed now. */
  from: "given" | "cache" | "analysis";
  analysisSeconds: number;
}

export async function resolveShortTimeline(input: ResolveShortTimelineInput): Promise<ResolvedShortTimeline> {
  assertReadableFile(input.input);
  if (input.timeline !== undefined) {
    const given = input.timeline;
    const read = typeof given === "string" ? await readTimelineFile(given) : given;
    const [videoSha256, info] = await Promise.all([
      sha256File(input.input),
      probeMedia(input.input, { signal: input.signal }),
    ]);
    checkTimelineSource({
      timeline: read,
      timelineOrigin: typeof given === "string" ? given : "the timeline",
      videoPath: input.input,
      videoSha256,
      videoDurationSeconds: info.durationSeconds,
      videoSize: { width: info.width, height: info.height },
    });
    checkTimelineMeaning({
      timeline: read,
      timelineOrigin: typeof given === "string" ? given : "the timeline",
    });
    const timeline = decideTimeline({ timeline: read, decision: input.analysis?.decision });
    return {
      timeline,
      timelinePath: typeof given === "string" ? given : null,
      from: "given",
      analysisSeconds: 0,
    };
  }
  const started = performance.now();
  const { cacheDir, modelCacheDir, ...settings } = input.analysis ?? {};
  const result = await analyzeCached({
    input: input.input,
    ...settings,
    modelCacheDir,
    cacheDir,
    signal: input.signal,
    onProgress: input.onAnalyzeProgress,
  });
  return {
    timeline: result.timeline,
    timelinePath: result.timelinePath,
    from: result.cached ? "cache" : "analysis",
    analysisSeconds: (performance.now() - started) / 1000,
  };
}
