// `--follow <who>` on a timeline: a person id ("P2"), a source time ("01:23.5"), a face image (jpg/png, embedded
// and matched to the nearest person), or a voice sample cut from the video's soundtrack (wav, mp3, …: placed in
// the soundtrack, the person speaking there). README: "Follow a person".
import { existsSync } from "node:fs";
import { followFileKind } from "./follow-file-kind";
import { embedFaceImage } from "../analysis/face-embedding/embed-face-image";
import { computeVoiceSampleFeatures } from "../analysis/audio/compute-voice-sample-features";
import { MFCC_SAMPLE_RATE } from "../analysis/audio/compute-mfcc";
import { readAudio } from "../analysis/ffmpeg";
import type { DeviceRequest } from "../analysis/onnx-runtime/create-session";
import {
  FollowError,
  followFromFaceMatch,
  followFromVoiceSample,
  matchPersonByFace,
  resolveFollow,
  type FollowTarget,
} from "../decision/resolve-follow";
import type { Timeline } from "../timeline/timeline-schema";

export interface ResolveFollowInputOptions {
  timeline: Timeline;
  who: string;
  modelCacheDir?: string;
  device?: DeviceRequest;
}

export async function resolveFollowInput(options: ResolveFollowInputOptions): Promise<FollowTarget> {
  const { timeline, who } = options;
  const kind = followFileKind(who);
  if (kind === "image") {
    if (!existsSync(who)) throw new FollowError(`--follow ${who}: no such image`);
    const embedding = await embedFaceImage({
      image: who,
      modelCacheDir: options.modelCacheDir,
      device: options.device,
    });
    return followFromFaceMatch(who, matchPersonByFace(timeline, embedding));
  }
  if (kind === "voice") {
    if (!existsSync(who)) throw new FollowError(`--follow ${who}: no such voice sample`);
    const samples = await readAudio({ input: who, sampleRate: MFCC_SAMPLE_RATE });
    return followFromVoiceSample(who, timeline, computeVoiceSampleFeatures(samples));
  }
  const resolved = resolveFollow(timeline, who);
  if (!resolved)
    throw new FollowError(
      `--follow ${who}: expected a person (P2), a source time (01:23.5), a face image (.jpg, .png) or a voice sample from the video (.wav, .mp3, .m4a, .flac, .ogg)`,
    );
  return resolved;
}

/** resolveFollowInput when `who` is given; null (whoever speaks) when it is not. */
export async function resolveOptionalFollow(
  options: Omit<ResolveFollowInputOptions, "who"> & { who: string | null | undefined },
): Promise<FollowTarget | null> {
  const { who } = options;
  return who ? resolveFollowInput({ ...options, who }) : null;
}
