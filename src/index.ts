// speakerframe's library API (Node). Compositions are imported from "speakerframe/compositions".
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
export { selectActiveSpeakers, smoothScores } from "./analysis/speakers/select-active-speakers";
export * from "./timeline";
export { readTimelineFile, writeTimelineFile, serializeTimeline } from "./timeline/timeline-file";
export { UserFacingError, UsageError, CancelledError } from "./errors";
