// The decision applied to a timeline: its evidence in, the timeline with `activeSpeaker` (and the settings that
// produced it) and `people` (linkPeople, from the tracks' face embeddings) out. Timelines without evidence (made from labels or by hand) keep their activeSpeaker. Pure.
import type { Timeline } from "../timeline/timeline-schema";
import { decideSpeakers, type DecisionEvidence } from "./decide-speakers";
import { linkPeople } from "./link-people";
import { resolveDecisionParams, type DecisionParams } from "./decision-params";

export interface DecideTimelineOptions {
  timeline: Timeline;
  /** Settings over the defaults (DEFAULT_DECISION_PARAMS). */
  decision?: Partial<DecisionParams>;
}

export function decideTimeline({ timeline, decision }: DecideTimelineOptions): Timeline {
  const withPeople = timeline.tracks.some((t) => t.embedding)
    ? { ...timeline, people: linkPeople(timeline.tracks) }
    : timeline;
  return decideSpeakersOf(withPeople, decision);
}

function decideSpeakersOf(timeline: Timeline, decision: Partial<DecisionParams> | undefined): Timeline {
  if (!timeline.evidence) return timeline;
  const params = resolveDecisionParams(decision);
  const active = decideSpeakers(timelineDecisionEvidence(timeline), params);
  return {
    ...timeline,
    analysis: { ...timeline.analysis, decision: params },
    activeSpeaker: Array.from(active),
  };
}

/** What decideSpeakers reads from a timeline. */
export function timelineDecisionEvidence(timeline: Timeline): DecisionEvidence {
  return {
    frameCount: timeline.analysis.frameCount,
    fps: timeline.analysis.fps,
    shots: timeline.shots,
    tracks: timeline.tracks,
    voiceActivity: timeline.evidence?.voiceActivity ?? null,
    voiceFeatures: timeline.evidence?.voiceFeatures ?? null,
    audioLevels: timeline.evidence?.audioLevels ?? null,
    syncComponents: timeline.analysis.sync?.components ?? 1,
  };
}
