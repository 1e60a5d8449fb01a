// speakerframe's main entry, browser-safe (what a Remotion project's Root.tsx imports): the SpeakerShort composition,
// building blocks for custom compositions, the camera planner, timeline and SRT parsing. Node-only APIs (analysis,
// render, batch) live in "speakerframe/node"; the browser settings for remotion.config.ts in "speakerframe/config".
export { SpeakerShort } from "./compositions/SpeakerShort";
export {
  speakerShortSchema,
  cameraOptionsSchema,
  captionStyleSchema,
  cameraPropsSchema,
  captionPropsSchema,
  type SpeakerShortProps,
  type CaptionStyleProps,
} from "./compositions/speaker-short-schema";
export { calculateSpeakerShortMetadata } from "./compositions/calculate-speaker-short-metadata";
export {
  loadTimeline,
  loadSpeakerShortInputs,
  type SpeakerShortInputs,
} from "./compositions/load-speaker-short-inputs";
export {
  prepareSpeakerShort,
  type PreparedSpeakerShort,
  type FrameSpan,
} from "./compositions/prepare-speaker-short";
export {
  useSpeakerCamera,
  toTimeline,
  type UseSpeakerCameraOptions,
  type SpeakerCamera,
} from "./compositions/use-speaker-camera";
export { SpeakerVideo, type SpeakerVideoProps } from "./compositions/SpeakerVideo";
export {
  CroppedVideo as SpeakerCrop,
  type CroppedVideoProps as SpeakerCropProps,
} from "./compositions/CroppedVideo";
export { BlurredBackground } from "./compositions/BlurredBackground";
export { CaptionOverlay, type CaptionOverlayProps } from "./compositions/captions/CaptionOverlay";
export { buildCaptionPages, type CaptionPage } from "./compositions/captions/build-caption-pages";
export {
  DEFAULT_CAPTION_STYLE,
  resolveCaptionStyle,
  type CaptionStyle,
} from "./compositions/captions/resolve-caption-style";
export { resolveAssetUrl } from "./compositions/resolve-asset-url";
export { resolveClip, type ResolvedClip } from "./compositions/resolve-clip";
export { RemotionRoot } from "./compositions/Root";
export * from "./compositions/camera";
export * from "./timeline";
export * from "./srt";
export { decideSpeakers, type DecisionEvidence, type DecisionTrack } from "./decision/decide-speakers";
export {
  decideTimeline,
  timelineDecisionEvidence,
  type DecideTimelineOptions,
} from "./decision/decide-timeline";
export {
  linkPeople,
  personOfTrack,
  embeddingDistance,
  PERSON_LINK_DISTANCE,
  PERSON_CONFIDENCE_MARGIN,
  PERSON_MIN_LINK_CONFIDENCE,
  PERSON_CONFIDENT_LINK,
  type LinkPeopleTrack,
  type LinkPeopleOptions,
} from "./decision/link-people";
export {
  resolveFollow,
  matchPersonByFace,
  followFromFaceMatch,
  parsePersonId,
  FollowError,
  FOLLOW_MATCH_DISTANCE,
  type FollowTarget,
  type FaceMatch,
} from "./decision/resolve-follow";
export {
  DEFAULT_DECISION_PARAMS,
  decisionParamsSchema,
  resolveDecisionParams,
  type DecisionParams,
} from "./decision/decision-params";
