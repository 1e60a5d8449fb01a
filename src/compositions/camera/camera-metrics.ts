// Quality figures of a camera plan against a timeline (the analysed one, or one built from ground-truth labels).
import type { Timeline } from "../../timeline/timeline-schema";
import type { CameraPlan, CropWindow } from "./camera-types";
import { createFaceLookup, type FaceBox } from "./create-face-lookup";
import { targetKey } from "./plan-speaker-segments";

export interface CameraMetrics {
  /** Output frames whose source time has an active speaker with a face box. */
  speakingFrames: number;
  /** Fraction of speaking frames where the speaker's whole face box is inside a window on screen. */
  speakerInsideFraction: number;
  /** Fraction of speaking frames where the camera frames the speaker (alone or in a two-shot). */
  speakerFramedFraction: number;
  /** Camera target changes inside shots per minute of output (shot cuts excluded: the edit forces those). */
  switchesPerMinute: number;
  switches: number;
  /** Cuts that follow a shot boundary of the source. */
  shotCuts: number;
  /** Crop-centre acceleration as seen on screen, output px per second squared (cuts excluded). */
  meanAccelerationOutputPxPerS2: number;
  maxAccelerationOutputPxPerS2: number;
  durationSeconds: number;
}

const inside = (box: FaceBox, w: CropWindow) =>
  box.x >= w.x - 1e-6 &&
  box.y >= w.y - 1e-6 &&
  box.x + box.width <= w.x + w.width + 1e-6 &&
  box.y + box.height <= w.y + w.height + 1e-6;

export function cameraMetrics(input: { plan: CameraPlan; timeline: Timeline }): CameraMetrics {
  const { plan, timeline } = input;
  const lookup = createFaceLookup(timeline);
  const { frames, fps, output } = plan;
  let speakingFrames = 0;
  let insideFrames = 0;
  let framedFrames = 0;
  for (const frame of frames) {
    const analysisFrame = lookup.frameAtSeconds(frame.sourceSeconds);
    const speaker = timeline.activeSpeaker[analysisFrame] ?? -1;
    if (speaker < 0) continue;
    const box = lookup.boxAtFrame(speaker, analysisFrame);
    if (!box) continue;
    speakingFrames++;
    if (inside(box, frame.window) || (frame.lowerWindow && inside(box, frame.lowerWindow))) insideFrames++;
    if (frame.trackIds.includes(speaker)) framedFrames++;
  }

  let switches = 0;
  let shotCuts = 0;
  const cutFrames = new Set<number>();
  for (const event of plan.events) {
    if (event.type === "hold") continue;
    if (event.type === "cut") cutFrames.add(event.startFrame);
    const next = plan.segments[event.segment]!;
    const previousFrame = event.startFrame > 0 ? frames[event.startFrame - 1] : undefined;
    const before = previousFrame ? plan.segments[previousFrame.segment] : undefined;
    if (before && before.shot !== next.shot) shotCuts++;
    else if (!before || targetKey(before.target) !== targetKey(next.target)) switches++;
  }

  // Second differences of the window centre, scaled to output px by the window's zoom on screen.
  let total = 0;
  let count = 0;
  let max = 0;
  for (let f = 1; f + 1 < frames.length; f++) {
    if (cutFrames.has(f) || cutFrames.has(f + 1)) continue;
    const [a, b, c] = [frames[f - 1]!, frames[f]!, frames[f + 1]!];
    if (a.layout !== b.layout || b.layout !== c.layout) continue;
    const panels: [CropWindow, CropWindow, CropWindow, number][] = [
      [a.window, b.window, c.window, output.width],
    ];
    if (a.lowerWindow && b.lowerWindow && c.lowerWindow)
      panels.push([a.lowerWindow, b.lowerWindow, c.lowerWindow, output.width]);
    let worst = 0;
    for (const [p, q, r, outWidth] of panels) {
      const ax = p.x + p.width / 2 - 2 * (q.x + q.width / 2) + (r.x + r.width / 2);
      const ay = p.y + p.height / 2 - 2 * (q.y + q.height / 2) + (r.y + r.height / 2);
      worst = Math.max(worst, Math.hypot(ax, ay) * fps * fps * (outWidth / q.width));
    }
    total += worst;
    count++;
    max = Math.max(max, worst);
  }
  const durationSeconds = frames.length / fps;
  return {
    speakingFrames,
    speakerInsideFraction: speakingFrames ? insideFrames / speakingFrames : 1,
    speakerFramedFraction: speakingFrames ? framedFrames / speakingFrames : 1,
    switchesPerMinute: durationSeconds > 0 ? (switches / durationSeconds) * 60 : 0,
    switches,
    shotCuts,
    meanAccelerationOutputPxPerS2: count ? total / count : 0,
    maxAccelerationOutputPxPerS2: max,
    durationSeconds,
  };
}
