import { UserFacingError } from "../../../errors";

/** A file given as a TalkNet checkpoint is not one; the message is one line naming the file and what it is. */
export class TalknetCheckpointError extends UserFacingError {
  override name = "TalknetCheckpointError";
}
