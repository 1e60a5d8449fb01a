// A timeline that parses can still be nonsense for its video: ten million frames for a one-second clip, boxes far
// outside the picture, two tracks with one id, a shot that ends before it starts, an fps of 1e300. Rendering it
// would take gigabytes or draw garbage, so a given timeline is checked against its own source and the schema's
// meaning first. Pure; the first problem found is one line naming the field.
import { UserFacingError } from "../errors";
import type { Timeline } from "../timeline/timeline-schema";

const MAX_FPS = 240;
/** Faces at the edge of the picture have boxes partly outside it; more than this share of the frame is wrong. */
const BOX_MARGIN = 0.5;

export function checkTimelineMeaning(input: { timeline: Timeline; timelineOrigin: string }): void {
  const problem = findProblem(input.timeline);
  if (problem)
    throw new UserFacingError(
      `timeline ${input.timelineOrigin}: field ${problem}; re-run analyze to replace it`,
    );
}

function findProblem(timeline: Timeline): string | null {
  const { analysis, source } = timeline;
  if (!(analysis.fps >= 1 && analysis.fps <= MAX_FPS))
    return `analysis.fps ${analysis.fps} must be from 1 to ${MAX_FPS}`;
  const seconds = Math.max(0, source.durationSeconds - analysis.startSeconds);
  const maxFrames = Math.ceil(seconds * analysis.fps) + 2;
  if (analysis.frameCount > maxFrames)
    return `analysis.frameCount ${analysis.frameCount} is more than the ${seconds.toFixed(2)} s video holds at ${analysis.fps} fps (${maxFrames})`;
  if (timeline.activeSpeaker.length !== analysis.frameCount)
    return `activeSpeaker has ${timeline.activeSpeaker.length} entries, expected analysis.frameCount = ${analysis.frameCount}`;
  let previousEnd = 0;
  for (const [i, shot] of timeline.shots.entries()) {
    if (shot.startFrame >= shot.endFrame)
      return `shots.${i}: startFrame ${shot.startFrame} must be before endFrame ${shot.endFrame}`;
    if (shot.startFrame < previousEnd)
      return `shots.${i}: startFrame ${shot.startFrame} overlaps the shot before it (ends at ${previousEnd})`;
    if (shot.endFrame > analysis.frameCount)
      return `shots.${i}.endFrame ${shot.endFrame} is past analysis.frameCount ${analysis.frameCount}`;
    previousEnd = shot.endFrame;
  }
  const ids = new Map<number, number>();
  for (const [i, track] of timeline.tracks.entries()) {
    if (ids.has(track.id)) return `tracks.${i}.id ${track.id} is also the id of tracks.${ids.get(track.id)}`;
    ids.set(track.id, i);
    if (track.shot >= timeline.shots.length)
      return `tracks.${i}.shot ${track.shot} does not exist (${timeline.shots.length} shots)`;
    if (track.startFrame + track.frameCount > analysis.frameCount)
      return `tracks.${i}: frames ${track.startFrame}..${track.startFrame + track.frameCount} go past analysis.frameCount ${analysis.frameCount}`;
    const box = findBadBox(track.boxes, source.width, source.height);
    if (box !== null)
      return `tracks.${i}.boxes: box ${box} is outside the ${source.width}x${source.height} frame`;
  }
  for (const [frame, id] of timeline.activeSpeaker.entries())
    if (id !== -1 && !ids.has(id)) return `activeSpeaker.${frame} ${id} is not a track id`;
  return null;
}

/** Index of the first box (x, y, width, height in source px) that is empty or lies mostly outside the frame. */
function findBadBox(boxes: readonly number[], width: number, height: number): number | null {
  for (let i = 0; i + 3 < boxes.length; i += 4) {
    const [x, y, w, h] = [boxes[i]!, boxes[i + 1]!, boxes[i + 2]!, boxes[i + 3]!];
    const ok =
      [x, y, w, h].every(Number.isFinite) &&
      w > 0 &&
      h > 0 &&
      w <= width * (1 + BOX_MARGIN) &&
      h <= height * (1 + BOX_MARGIN) &&
      x >= -w * BOX_MARGIN &&
      y >= -h * BOX_MARGIN &&
      x + w <= width + w * BOX_MARGIN &&
      y + h <= height + h * BOX_MARGIN;
    if (!ok) return i / 4;
  }
  return null;
}
