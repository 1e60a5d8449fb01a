// What of a job's --follow enters its job hash: the value as given and, for a face image or a voice sample, the
// file's sha256 (a new photo or sample at the same path is another job). The same for local, queued and Lambda
// batches.
import { sha256File } from "../io/sha256-file";
import { followFileKind } from "../render/follow-file-kind";

export interface FollowIdentity {
  who: string;
  /** sha256 of the face image or voice sample; null when `who` is a person or a time. */
  file: string | null;
}

export async function followIdentity(who: string | null): Promise<FollowIdentity | null> {
  if (!who) return null;
  return { who, file: followFileKind(who) ? await sha256File(who) : null };
}
