// `--follow <who>` on a timeline: a person id ("P2"), a source time ("01:23.5"), or a face image (jpg/png,
// embedded and matched to the nearest person). Voice samples are not supported (README: "Follow a person").
import { extname } from "node:path";
import { existsSync } from "node:fs";
import { embedFaceImage } from "../analysis/face-embedding/embed-face-image";
import type { DeviceRequest } from "../analysis/onnx-runtime/create-session";
import {
  FollowError,
  followFromFaceMatch,
  matchPersonByFace,
  resolveFollow,
  type FollowTarget,
} from "../decision/resolve-follow";
import type { Timeline } from "../timeline/timeline-schema";

const IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png"];

export interface ResolveFollowInputOptions {
  timeline: Timeline;
  who: string;
  modelCacheDir?: string;
  device?: DeviceRequest;
}

export async function resolveFollowInput(options: ResolveFollowInputOptions): Promise<FollowTarget> {
  const { timeline, who } = options;
  const ext = extname(who).toLowerCase();
  if (IMAGE_EXTENSIONS.includes(ext)) {
    if (!existsSync(who)) throw new FollowError(`--follow ${who}: no such image`);
    const embedding = await embedFaceImage({
      image: who,
      modelCacheDir: options.modelCacheDir,
      device: options.device,
    });
    return followFromFaceMatch(who, matchPersonByFace(timeline, embedding));
  }
  if ([".wav", ".mp3", ".m4a", ".flac", ".ogg"].includes(ext))
    throw new FollowError(
      `--follow ${who}: voice samples are not supported; give a person (P2), a source time (01:23.5) or a face image (.jpg, .png)`,
    );
  const resolved = resolveFollow(timeline, who);
  if (!resolved)
    throw new FollowError(
      `--follow ${who}: expected a person (P2), a source time (01:23.5) or a face image (.jpg, .png)`,
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
