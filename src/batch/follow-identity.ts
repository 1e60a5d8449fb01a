// What of a job's --follow enters its job hash: the value as given and, for a face image, the image's sha256 (a
// new photo at the same path is another job). The same for local, queued and Lambda batches.
import { sha256File } from "../io/sha256-file";

export interface FollowIdentity {
  who: string;
  /** sha256 of the face image; null when `who` is a person or a time. */
  image: string | null;
}

export const isFollowImage = (who: string) => /\.(jpe?g|png)$/i.test(who);

export async function followIdentity(who: string | null): Promise<FollowIdentity | null> {
  if (!who) return null;
  return { who, image: isFollowImage(who) ? await sha256File(who) : null };
}
