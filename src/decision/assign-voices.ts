// Stretches of one voice: speech is cut at every dip of the voice activity of at least voiceSplitPauseSeconds (a
// breath between turns is often shorter than a pause that makes nobody speak), and each piece is one voice.
// Their lip-sync is pooled per piece, so evidence never leaks from one turn into the next. Pure.
import type { DecisionEvidence } from "./decide-speakers";
import type { DecisionParams } from "./decision-params";
import { voicedFrames, voicedRuns } from "./voiced-frames";

export interface AssignVoicesInput {
  evidence: DecisionEvidence;
  params: DecisionParams;
}

/** Voice id per analysis frame, -1 where unvoiced. */
export function assignVoices({ evidence, params }: AssignVoicesInput): Int32Array {
  const voices = new Int32Array(evidence.frameCount).fill(-1);
  if (!evidence.voiceActivity) return voices;
  const pieces = voicedFrames({
    voiceActivity: evidence.voiceActivity,
    onset: params.voiceOnset,
    offset: params.voiceOffset,
    minPauseFrames: Math.max(1, Math.round(params.voiceSplitPauseSeconds * evidence.fps)),
    minVoicedFrames: 1,
  });
  voicedRuns(pieces).forEach((run, id) => voices.fill(id, run.start, run.end));
  return voices;
}
