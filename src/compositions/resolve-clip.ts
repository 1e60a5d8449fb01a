// Clip bounds in source seconds, snapped to the output frame grid so the video trim (whole frames) and the camera
// plan agree on which source time every output frame shows.
import type { Timeline } from "../timeline/timeline-schema";

export interface ResolvedClip {
  startSeconds: number;
  endSeconds: number;
  /** Output frames skipped at the start of the source (Video trimBefore). */
  trimBeforeFrames: number;
  durationInFrames: number;
  fps: number;
}

export function resolveClip(input: {
  timeline: Timeline;
  clipStartSeconds: number;
  clipEndSeconds: number | null;
  /** Output fps; null = the source's. */
  fps: number | null;
}): ResolvedClip {
  const { timeline } = input;
  const fps = input.fps ?? timeline.source.fps.num / timeline.source.fps.den;
  const analysed = timeline.analysis.frameCount / timeline.analysis.fps;
  const sourceEnd =
    analysed > 0
      ? Math.min(analysed, timeline.source.durationSeconds || analysed)
      : timeline.source.durationSeconds;
  const trimBeforeFrames = Math.round(input.clipStartSeconds * fps);
  const startSeconds = trimBeforeFrames / fps;
  const end = Math.min(input.clipEndSeconds ?? sourceEnd, sourceEnd);
  if (!(end > startSeconds)) {
    throw new Error(
      `clip ${input.clipStartSeconds}..${input.clipEndSeconds ?? "end"} s is empty (source ends at ${sourceEnd.toFixed(2)} s)`,
    );
  }
  // Length from the requested bounds (rounding the start must not cost a frame), capped by the source.
  const durationInFrames = Math.max(
    1,
    Math.min(
      Math.round((end - input.clipStartSeconds) * fps),
      Math.floor((sourceEnd - startSeconds) * fps + 1e-6),
    ),
  );
  return {
    startSeconds,
    endSeconds: startSeconds + durationInFrames / fps,
    trimBeforeFrames,
    durationInFrames,
    fps,
  };
}
