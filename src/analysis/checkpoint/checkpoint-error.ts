import { UserFacingError } from "../../errors";

/** A checkpoint could not be read: not a PyTorch zip, truncated, or holding something a state_dict never holds. */
export class CheckpointError extends UserFacingError {
  override name = "CheckpointError";
}
