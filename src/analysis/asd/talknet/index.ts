export {
  buildTalknetGraph,
  TALKNET_GRAPH_VERSION,
  TALKNET_OUTPUT_NAMES,
  type BuildTalknetGraphOptions,
  type TalknetGraph,
} from "./build-talknet-graph";
export { isTalknetCheckpoint } from "./is-talknet-checkpoint";
export {
  readTalknetRegistry,
  TALKNET_REGISTRY_FILE,
  type ReadTalknetRegistryOptions,
  type TalknetRegistry,
  type TalknetRegistryEntry,
} from "./read-talknet-registry";
export {
  isTalknetModelId,
  resolveTalknetModel,
  type ResolvedTalknetModel,
  type ResolveTalknetModelOptions,
} from "./resolve-talknet-model";
export {
  scoreTalknetTrack,
  type ScoreTalknetTrackOptions,
  type ScoreTalknetTrackResult,
} from "./score-talknet-track";
export {
  createTalknetSessions,
  type CreateTalknetSessionsOptions,
  type TalknetScoringSessions,
  type TalknetSessionSet,
} from "./create-talknet-sessions";
export {
  computeTalknetFrontend,
  type ComputeTalknetFrontendOptions,
  type TalknetFrameRange,
} from "./compute-talknet-frontend";
export {
  splitTalknetModel,
  type SplitTalknetModelOptions,
  type TalknetModelParts,
} from "./split-talknet-model";
export { TalknetCheckpointError } from "./talknet-checkpoint-error";
export { talknetTensorLayout, type TalknetTensorSpec, type TalknetTensorRole } from "./talknet-tensor-layout";
export {
  verifyTalknetCheckpoint,
  type TalknetWeights,
  type VerifyTalknetCheckpointOptions,
} from "./verify-talknet-checkpoint";
