// One batch job -> the argument object of @remotion/lambda's renderMediaOnLambda(), typed here so the translation
// is pure and testable without the package. Analysis stays local: the timeline travels inline in the input props,
// trimmed to the clip plus a margin; SRT and word timings travel as data; the video as a URL Lambda can fetch.
import type { SpeakerShortProps } from "../../compositions/speaker-short-schema";
import type { Timeline } from "../../timeline/timeline-schema";
import { buildShortProps } from "../build-short-props";
import { COMPOSITION_ID } from "../get-serve-url";
import type { X264Preset } from "../render-composition";
import type { ResolvedTemplate } from "../resolve-template";
import { DEFAULT_TRIM_MARGIN_SECONDS, trimTimeline } from "../trim-timeline";
import type { LambdaConfig } from "./resolve-lambda-config";

/** The subset of renderMediaOnLambda()'s input that speakerframe sets (names as in @remotion/lambda 4.0). */
export interface LambdaRenderRequest {
  region: string;
  functionName: string;
  serveUrl: string;
  composition: string;
  inputProps: SpeakerShortProps;
  codec: "h264";
  audioCodec: "aac";
  imageFormat: "jpeg";
  crf?: number;
  x264Preset?: X264Preset;
  framesPerLambda?: number;
  privacy: "public" | "private" | "no-acl";
  maxRetries: number;
  /** S3 key of the result inside the render bucket. */
  outName: string;
  downloadBehavior: { type: "download"; fileName: string };
  logLevel: "error" | "warn" | "info" | "verbose";
}

export interface BuildLambdaRequestInput {
  config: LambdaConfig;
  /** Job id: names the S3 object. */
  jobId: string;
  /** Video URL Lambda can fetch (S3, CDN, ...). */
  sourceUrl: string;
  timeline: Timeline;
  srtText: string;
  words: unknown;
  startSeconds: number;
  endSeconds: number | null;
  template: ResolvedTemplate;
  /** Local output file name (for the download name and extension). */
  outputFileName: string;
  crf?: number;
  x264Preset?: X264Preset;
  marginSeconds?: number;
  /** Composition of the deployed site (default SpeakerShort); it gets SpeakerShort's props. */
  compositionId?: string;
  /** Person to follow ("P2", resolved with resolveFollowInput); omit or null for whoever speaks. */
  follow?: string | null;
}

export function buildLambdaRequest(input: BuildLambdaRequestInput): LambdaRenderRequest {
  const timeline = trimTimeline({
    timeline: input.timeline,
    startSeconds: input.startSeconds,
    endSeconds: input.endSeconds,
    marginSeconds: input.marginSeconds ?? DEFAULT_TRIM_MARGIN_SECONDS,
  });
  const inputProps = buildShortProps({
    src: input.sourceUrl,
    timeline,
    srtText: input.srtText,
    words: input.words,
    startSeconds: input.startSeconds,
    endSeconds: input.endSeconds,
    template: input.template,
    follow: input.follow ?? null,
  });
  const ext = input.outputFileName.match(/\.[^.]+$/)?.[0] ?? ".mp4";
  const request: LambdaRenderRequest = {
    region: input.config.region,
    functionName: input.config.functionName,
    serveUrl: input.config.serveUrl,
    composition: input.compositionId ?? COMPOSITION_ID,
    inputProps,
    codec: "h264",
    audioCodec: "aac",
    imageFormat: "jpeg",
    privacy: input.config.privacy,
    maxRetries: input.config.maxRetries,
    outName: `speakerframe/${input.jobId}${ext}`,
    downloadBehavior: { type: "download", fileName: input.outputFileName },
    logLevel: "warn",
  };
  if (input.config.framesPerLambda !== null) request.framesPerLambda = input.config.framesPerLambda;
  if (input.crf !== undefined) request.crf = input.crf;
  if (input.x264Preset !== undefined) request.x264Preset = input.x264Preset;
  return request;
}

/** Bytes of the serialized input props (Remotion Lambda moves props over ~200 KB to S3 itself). */
export function inputPropsBytes(request: LambdaRenderRequest): number {
  return Buffer.byteLength(JSON.stringify(request.inputProps));
}
