// The camera as a hook, for custom compositions: plans once per timeline and options (memoised) at the
// composition's size and fps, and returns the current frame's crop windows.
import { useMemo } from "react";
import { useCurrentFrame, useVideoConfig } from "remotion";
import { cuesToDirectives } from "../srt/cues-to-directives";
import { parseSrtCues } from "../srt/parse-srt-cues";
import { alignTimelineToSource } from "../timeline/align-timeline-to-source";
import { parseTimeline } from "../timeline/parse-timeline";
import type { Timeline } from "../timeline/timeline-schema";
import type { CameraFrame, CameraOptions, CameraPlan } from "./camera/camera-types";
import { planCamera } from "./camera/plan-camera";
import { isJsonText, timelineData } from "./load-speaker-short-inputs";
import { resolveClip, type ResolvedClip } from "./resolve-clip";

export interface UseSpeakerCameraOptions {
  camera?: Partial<CameraOptions>;
  /** Clip start in source seconds (default 0). */
  clipStartSeconds?: number;
  /** Clip end in source seconds; null or omitted = end of the timeline. */
  clipEndSeconds?: number | null;
  /** SRT text whose camera tags ([zoom 1.3], [two-shot], ...) direct the camera; times count from the source. */
  srt?: string;
  /** Follow one person: "P2" or a source time ("01:23.5"); null or omitted: whoever speaks. */
  follow?: string | null;
}

export interface SpeakerCamera {
  /** The crop window(s) of the current frame. */
  frame: CameraFrame;
  /** The whole plan: every frame, events, segments, warnings. */
  plan: CameraPlan;
  /** The clip on the source: start, trim, duration in composition frames. */
  clip: ResolvedClip;
}

/** Parses a timeline prop: a Timeline object or its JSON text (load URLs in calculateMetadata with loadTimeline). */
export function toTimeline(timeline: Timeline | string): Timeline {
  if (typeof timeline === "string" && !isJsonText(timeline)) {
    throw new Error(
      `timeline ${timeline} is a location, not data: load it in calculateMetadata with loadTimeline()`,
    );
  }
  return parseTimeline(timelineData(timeline), "timeline prop");
}

export function useSpeakerCamera(
  timeline: Timeline | string,
  options: UseSpeakerCameraOptions = {},
): SpeakerCamera {
  const { width, height, fps } = useVideoConfig();
  const frame = useCurrentFrame();
  const { camera, clipStartSeconds = 0, clipEndSeconds = null, srt = "", follow = null } = options;
  const planned = useMemo(() => {
    const aligned = alignTimelineToSource(toTimeline(timeline));
    const clip = resolveClip({ timeline: aligned, clipStartSeconds, clipEndSeconds, fps });
    const { cues } = parseSrtCues({ text: srt, origin: "SRT" });
    const plan = planCamera({
      ...camera,
      timeline: aligned,
      output: { width, height },
      fps,
      range: { startSeconds: clip.startSeconds, endSeconds: clip.endSeconds },
      directives: cuesToDirectives({ cues, offsetSeconds: 0 }),
      follow,
    });
    return { plan, clip };
    // camera compared by value: callers usually pass a fresh object literal.
  }, [
    timeline,
    JSON.stringify(camera ?? {}),
    clipStartSeconds,
    clipEndSeconds,
    srt,
    follow,
    width,
    height,
    fps,
  ]);
  const { plan, clip } = planned;
  return { frame: plan.frames[Math.min(frame, plan.frames.length - 1)]!, plan, clip };
}
