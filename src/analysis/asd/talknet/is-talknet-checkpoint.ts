import type { Checkpoint } from "../../checkpoint";
import { TalknetCheckpointError } from "./talknet-checkpoint-error";
import { verifyTalknetCheckpoint } from "./verify-talknet-checkpoint";

/** True when every tensor the TalkNet graph needs is present with the right shape. */
export function isTalknetCheckpoint(checkpoint: Checkpoint): boolean {
  try {
    verifyTalknetCheckpoint({ checkpoint });
    return true;
  } catch (error) {
    if (error instanceof TalknetCheckpointError) return false;
    throw error;
  }
}
