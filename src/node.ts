// speakerframe/node: analysis, render and batch (Node only). Compositions come from the main entry "speakerframe".
export {
  analyzeVideo,
  ANALYSIS_FPS,
  type AnalyzeVideoOptions,
  type AnalyzeProgress,
} from "./analysis/analyze-video";
export {
  analyzeCached,
  analysisCacheKey,
  type AnalyzeCachedOptions,
  type AnalyzeCachedResult,
} from "./analysis/analyze-cached";
export {
  evaluateTimeline,
  labelledActiveSpeakers,
  averagePrecision,
  type EvaluationResult,
  type SegmentResult,
} from "./analysis/evaluation/evaluate-timeline";
export { parseSpeakerLabels, type SpeakerLabel } from "./analysis/evaluation/parse-speaker-labels";
export { probeMedia, streamFrames, readAudio, MediaError, type MediaInfo } from "./analysis/ffmpeg";
export { fetchModels, type FetchModelsOptions, type FetchModelsResult } from "./analysis/models/fetch-models";
export { listModels, type ListedModel } from "./analysis/models/list-models";
export { MODEL_MANIFEST, type ModelFile } from "./analysis/models/model-manifest";
export { ModelStoreError, resolveModelCache } from "./analysis/models/model-cache";
export { computeMfcc, type MfccResult } from "./analysis/audio/compute-mfcc";
export { smoothScores } from "./analysis/speakers/smooth-scores";
export { computeVoiceActivity } from "./analysis/vad/compute-voice-activity";
export { computeFrameLevels, type ComputeFrameLevelsOptions } from "./analysis/audio/compute-frame-levels";
export * from "./timeline";
export { readTimelineFile, writeTimelineFile, serializeTimeline } from "./timeline/timeline-file";
export { UserFacingError, UsageError, CancelledError } from "./errors";
export {
  renderShort,
  type RenderShortOptions,
  type RenderShortResult,
  type RenderShortProgress,
  type RenderSettings,
} from "./render/render-short";
export type { AnalysisSettings } from "./render/resolve-short-timeline";
export { BUILT_IN_TEMPLATES, resolveTemplate, type ResolvedTemplate } from "./render/resolve-template";
export { templateSchema, type TemplateInput, type PropOverrides } from "./render/template-schema";
export { loadTemplateConfig } from "./render/load-template-config";
export { trimTimeline } from "./render/trim-timeline";
export { parseTimecode } from "./render/parse-timecode";
export { resolveFollowInput, type ResolveFollowInputOptions } from "./render/resolve-follow-input";
export { embedFaceImage, type EmbedFaceImageOptions } from "./analysis/face-embedding/embed-face-image";
export { buildLambdaRequest, type LambdaRenderRequest } from "./render/lambda/build-lambda-request";
export { resolveLambdaConfig, type LambdaConfig } from "./render/lambda/resolve-lambda-config";
export { runDemo, type RunDemoOptions, type RunDemoResult } from "./render/demo/run-demo";
export { runBatch, type RunBatchOptions, type BatchEvent } from "./batch/run-batch";
export { loadManifest } from "./batch/load-manifest";
export { parseManifest, ManifestError, type ResolvedJob } from "./batch/parse-manifest";
export { manifestSchema } from "./batch/manifest-schema";
export type { BatchReport, BatchJobReport, BatchSourceReport } from "./batch/batch-report";
export { writeReport, type WriteReportOptions } from "./report/write-report";
export { buildReportHtml, type BuildReportHtmlInput } from "./report/build-report-html";
export { getServeUrl, releaseServeUrl } from "./render/get-serve-url";
