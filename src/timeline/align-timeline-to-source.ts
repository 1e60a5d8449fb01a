// A timeline analysed from a later start (`analyze --start`) counts its frames from that start. Compositions and
// the camera planner index frames from source time 0, so this shifts such a timeline onto the source's frame grid:
// the frames before the start become one leading shot with no faces. Pure; timelines starting at 0 pass through.
import type { Timeline } from "./timeline-schema";

export function alignTimelineToSource(timeline: Timeline): Timeline {
  const offset = Math.round(timeline.analysis.startSeconds * timeline.analysis.fps);
  if (offset <= 0) return timeline;
  return {
    ...timeline,
    analysis: { ...timeline.analysis, startSeconds: 0, frameCount: timeline.analysis.frameCount + offset },
    shots: [
      { startFrame: 0, endFrame: offset },
      ...timeline.shots.map((shot) => ({
        ...shot,
        startFrame: shot.startFrame + offset,
        endFrame: shot.endFrame + offset,
      })),
    ],
    tracks: timeline.tracks.map((track) => ({
      ...track,
      shot: track.shot + 1,
      startFrame: track.startFrame + offset,
    })),
    evidence: timeline.evidence && {
      voiceActivity: timeline.evidence.voiceActivity && [
        ...new Array<number>(offset).fill(0),
        ...timeline.evidence.voiceActivity,
      ],
      voiceFeatures: timeline.evidence.voiceFeatures && {
        dims: timeline.evidence.voiceFeatures.dims,
        values: [
          ...new Array<number>(offset * timeline.evidence.voiceFeatures.dims).fill(0),
          ...timeline.evidence.voiceFeatures.values,
        ],
      },
      audioLevels: timeline.evidence.audioLevels && [
        ...new Array<number>(offset).fill(0),
        ...timeline.evidence.audioLevels,
      ],
    },
    activeSpeaker: [...new Array<number>(offset).fill(-1), ...timeline.activeSpeaker],
  };
}
