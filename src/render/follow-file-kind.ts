// Which `--follow` values name a file: a face image or a voice sample, told apart by extension. Pure; shared by
// the resolver, the manifest reader (paths relative to the manifest) and the job hash (the file's content counts).
import { extname } from "node:path";

export const FOLLOW_IMAGE_EXTENSIONS = [".jpg", ".jpeg", ".png"] as const;
export const FOLLOW_VOICE_EXTENSIONS = [".wav", ".mp3", ".m4a", ".flac", ".ogg"] as const;

export type FollowFileKind = "image" | "voice";

/** "image", "voice", or null for a person or a time. */
export function followFileKind(who: string): FollowFileKind | null {
  const ext = extname(who).toLowerCase();
  if ((FOLLOW_IMAGE_EXTENSIONS as readonly string[]).includes(ext)) return "image";
  if ((FOLLOW_VOICE_EXTENSIONS as readonly string[]).includes(ext)) return "voice";
  return null;
}
