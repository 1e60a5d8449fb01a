// Everything SpeakerShort draws, computed once from resolved props: clip, camera plan, caption pages, and the frame
// spans that need a second video layer. Pure (no React, no I/O): also used by calculateMetadata to fail early.
import { alignTimelineToSource } from "../timeline/align-timeline-to-source";
import type { CameraPlan } from "./camera/camera-types";
import { planCamera } from "./camera/plan-camera";
import type { CaptionPage } from "./captions/build-caption-pages";
import { buildCaptionPages } from "./captions/build-caption-pages";
import { parseWordTimings } from "./captions/parse-word-timings";
import { resolveCaptionStyle, type CaptionStyle } from "./captions/resolve-caption-style";
import { spreadCueWords } from "./captions/spread-cue-words";
import { resolveClip, type ResolvedClip } from "./resolve-clip";
import type { SpeakerShortProps } from "./speaker-short-schema";
import { cuesToDirectives } from "../srt/cues-to-directives";
import { formatSrtTime, MAX_LISTED_WARNINGS, parseSrtCues } from "../srt/parse-srt-cues";
import type { Timeline } from "../timeline/timeline-schema";

export interface FrameSpan {
  /** Output frames [from, to). */
  from: number;
  to: number;
}

export interface PreparedSpeakerShort {
  clip: ResolvedClip;
  plan: CameraPlan;
  pages: CaptionPage[];
  captionStyle: CaptionStyle;
  /**
   * Spans where a crop window leaves the source or its content region, so a blurred copy of the region must
   * fill the rest.
   */
  backgroundSpans: FrameSpan[];
  /** Spans in the stacked split layout (a second, muted video draws the bottom half). */
  splitSpans: FrameSpan[];
  warnings: string[];
}

export interface PrepareSpeakerShortInput {
  props: Omit<SpeakerShortProps, "timeline" | "srt" | "words"> & {
    timeline: Timeline;
    /** SRT text. */
    srt: string;
    /** Word timings data (not a URL). */
    words: unknown;
  };
  /** Name of the SRT in errors. */
  srtOrigin?: string;
}

function spans(flags: boolean[]): FrameSpan[] {
  const out: FrameSpan[] = [];
  flags.forEach((on, f) => {
    if (!on) return;
    const last = out[out.length - 1];
    if (last && last.to === f) last.to = f + 1;
    else out.push({ from: f, to: f + 1 });
  });
  return out;
}

export function prepareSpeakerShort(input: PrepareSpeakerShortInput): PreparedSpeakerShort {
  // Frame indices on the source's grid, also for timelines analysed from a later start.
  const props = { ...input.props, timeline: alignTimelineToSource(input.props.timeline) };
  const clip = resolveClip({
    timeline: props.timeline,
    clipStartSeconds: props.clipStartSeconds,
    clipEndSeconds: props.clipEndSeconds,
    fps: props.fps,
  });
  const offsetSeconds = props.srtTimes === "clip" ? clip.startSeconds : 0;
  const { cues, warnings } = parseSrtCues({ text: props.srt, origin: input.srtOrigin ?? "SRT" });
  const plan = planCamera({
    ...props.camera,
    timeline: props.timeline,
    output: props.output,
    fps: clip.fps,
    range: { startSeconds: clip.startSeconds, endSeconds: clip.endSeconds },
    directives: cuesToDirectives({ cues, offsetSeconds }),
    follow: props.follow ?? null,
  });
  const captionStyle = resolveCaptionStyle(props.captions);
  const words =
    props.words !== null && props.words !== undefined
      ? parseWordTimings(props.words, "word timings").map((w) => ({
          ...w,
          startMs: w.startMs + offsetSeconds * 1000,
          endMs: w.endMs + offsetSeconds * 1000,
        }))
      : spreadCueWords({ cues, offsetSeconds });
  const pages = captionStyle.enabled
    ? buildCaptionPages({
        words,
        maxWordsPerPage: captionStyle.maxWordsPerPage,
        maxCharsPerPage: captionStyle.maxCharsPerPage,
        silenceBreakMs: captionStyle.silenceBreakMs,
      })
    : [];
  const { width, height } = plan.source;
  type Rect = { x: number; y: number; width: number; height: number };
  const leaves = (w: Rect | null, region: Rect | null | undefined) => {
    const b = region ?? { x: 0, y: 0, width, height };
    return (
      !!w &&
      (w.x < b.x - 0.5 ||
        w.y < b.y - 0.5 ||
        w.x + w.width > b.x + b.width + 0.5 ||
        w.y + w.height > b.y + b.height + 0.5)
    );
  };
  return {
    clip,
    plan,
    pages,
    captionStyle,
    backgroundSpans: spans(
      plan.frames.map((f) => leaves(f.window, f.region) || leaves(f.lowerWindow, f.lowerRegion)),
    ),
    splitSpans: spans(plan.frames.map((f) => f.layout === "split")),
    warnings: [...warnings, ...summarizeIgnoredTags(plan.warnings)],
  };
}

/** The planner's "… ignored: …" warnings: the first few, then one line counting the rest. */
function summarizeIgnoredTags(warnings: string[]): string[] {
  const kept: string[] = [];
  let ignored = 0;
  let firstAt: string | undefined;
  for (const warning of warnings) {
    const match = / at ([\d.]+) s ignored: /.exec(warning);
    if (match && ++ignored > MAX_LISTED_WARNINGS) {
      if (ignored === MAX_LISTED_WARNINGS + 1) firstAt = match[1];
      continue;
    }
    kept.push(warning);
  }
  if (ignored > MAX_LISTED_WARNINGS) {
    const at = firstAt === undefined ? "" : ` (first at ${formatSrtTime(Number(firstAt))})`;
    kept.push(`… and ${ignored - MAX_LISTED_WARNINGS} more ignored camera tags${at}`);
  }
  return kept;
}
