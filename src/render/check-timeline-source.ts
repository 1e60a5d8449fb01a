// Does a timeline belong to this video, and does it cover the clip? Pure; the one-line errors name both files and
// the fix. Timelines with an all-zero sha256 (built from labels) are matched by duration and size only.
import { UserFacingError } from "../errors";
import type { Timeline } from "../timeline/timeline-schema";

const UNKNOWN_SHA256 = "0".repeat(64);
/** Containers report durations that differ by up to a frame or two between tools. */
const DURATION_TOLERANCE_SECONDS = 0.1;

export interface CheckTimelineSourceInput {
  timeline: Timeline;
  /** Name of the timeline in messages (its path). */
  timelineOrigin: string;
  videoPath: string;
  videoSha256: string;
  videoDurationSeconds: number;
  videoSize?: { width: number; height: number };
  /** The fix at the end of each message (default: render's "drop --timeline to analyse <video>"). */
  fix?: string;
}

export function checkTimelineSource(input: CheckTimelineSourceInput): void {
  const { timeline, timelineOrigin, videoPath } = input;
  const source = timeline.source;
  const fix = input.fix ?? `drop --timeline to analyse ${videoPath}`;
  if (source.sha256 !== UNKNOWN_SHA256 && source.sha256 !== input.videoSha256) {
    throw new UserFacingError(
      `timeline ${timelineOrigin} was made from another video (sha256 ${source.sha256.slice(0, 12)}…, ${videoPath} has ${input.videoSha256.slice(0, 12)}…); ${fix}`,
    );
  }
  if (Math.abs(source.durationSeconds - input.videoDurationSeconds) > DURATION_TOLERANCE_SECONDS) {
    throw new UserFacingError(
      `timeline ${timelineOrigin} is for a ${source.durationSeconds.toFixed(2)} s video but ${videoPath} lasts ${input.videoDurationSeconds.toFixed(2)} s; ${fix}`,
    );
  }
  if (
    input.videoSize &&
    (input.videoSize.width !== source.width || input.videoSize.height !== source.height)
  ) {
    throw new UserFacingError(
      `timeline ${timelineOrigin} is for a ${source.width}x${source.height} video but ${videoPath} is ${input.videoSize.width}x${input.videoSize.height}; ${fix}`,
    );
  }
}

/** The clip must lie inside the analysed frames (a timeline from `analyze --start/--end` covers part only). */
export function checkClipCovered(input: {
  timeline: Timeline;
  timelineOrigin: string;
  startSeconds: number;
  endSeconds: number | null;
}): void {
  const from = input.timeline.analysis.startSeconds;
  const analysed = from + input.timeline.analysis.frameCount / input.timeline.analysis.fps;
  const end = input.endSeconds ?? Math.min(analysed, input.timeline.source.durationSeconds);
  const slack = 1 / input.timeline.analysis.fps;
  if (input.startSeconds >= analysed || input.startSeconds < from - slack || end > analysed + slack) {
    const clip = `clip ${input.startSeconds.toFixed(2)}..${end.toFixed(2)} s`;
    const wholeVideo =
      from <= slack && Math.abs(analysed - input.timeline.source.durationSeconds) <= 2 * slack;
    throw new UserFacingError(
      wholeVideo
        ? `${clip} is outside the video, which lasts ${analysed.toFixed(2)} s; change --start/--end`
        : `${clip} is outside ${input.timelineOrigin}, which covers ${from > 0 ? from.toFixed(2) : 0}..${analysed.toFixed(2)} s only; analyse the whole video (no --start/--end) or change the clip`,
    );
  }
}
