export { ASD_MODEL_KINDS, type AsdModelKind } from "./asd-model-kind";
export { asdArchitecture, type AsdArchitecture } from "./asd-architecture";
export {
  ASD_GRAPH_BUILDER_VERSION,
  buildAsdGraphs,
  type AsdGraphs,
  type BuildAsdGraphsOptions,
} from "./build-asd-graphs";
export {
  createAsdSessions,
  type AsdModelParts,
  type AsdSessionSet,
  type CreateAsdSessionsOptions,
} from "./create-asd-sessions";
export { planScoreChunks, REFERENCE_DURATIONS_S, type ScoreChunkPlan } from "./plan-score-chunks";
export { roundAsdScores } from "./round-asd-scores";
export {
  scoreTrack,
  type AsdScoringSessions,
  type ScoreTrackOptions,
  type ScoreTrackResult,
} from "./score-track";
export { smoothAsdScores } from "./smooth-asd-scores";
