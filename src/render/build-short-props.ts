// SpeakerShort input props for one short: media location, timeline, captions data, clip range and the resolved
// template. Pure, so local renders and Lambda requests build identical props.
import type { SpeakerShortProps } from "../compositions/speaker-short-schema";
import type { Timeline } from "../timeline/timeline-schema";
import type { ResolvedTemplate } from "./resolve-template";

export interface BuildShortPropsInput {
  /** Video URL as the renderer's browser can load it. */
  src: string;
  /** The timeline object (inline) or a URL to it. */
  timeline: Timeline | string;
  /** SRT text ("" for none). */
  srtText: string;
  /** Parsed word-timing JSON, or null to spread each cue's words. */
  words: unknown;
  startSeconds: number;
  /** null = to the end of the timeline. */
  endSeconds: number | null;
  template: ResolvedTemplate;
  /** Person to follow ("P2"; resolve times and images first with resolveFollowInput); omit for none. */
  follow?: string | null;
}

export function buildShortProps(input: BuildShortPropsInput): SpeakerShortProps {
  const { template } = input;
  return {
    src: input.src,
    timeline: typeof input.timeline === "string" ? input.timeline : JSON.stringify(input.timeline),
    srt: input.srtText,
    words: (input.words ?? null) as SpeakerShortProps["words"],
    srtTimes: template.srtTimes ?? "source",
    clipStartSeconds: input.startSeconds,
    clipEndSeconds: input.endSeconds,
    output: { width: template.output.width, height: template.output.height },
    fps: template.fps ?? null,
    camera: template.camera ?? {},
    captions: template.captions ?? {},
    showDebug: template.showDebug ?? false,
    follow: input.follow ?? null,
  };
}
