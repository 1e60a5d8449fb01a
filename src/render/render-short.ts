// One short from a video: timeline (given, cached or analysed), SRT and word timings, template, a Node-side plan
// that fails early, then a render through @remotion/renderer written atomically (temp file beside the output,
// renamed at the end). The compositions are bundled once per process; the video is served from 127.0.0.1.
import { extname, resolve } from "node:path";
import type { AnalyzeProgress } from "../analysis/analyze-video";
import { assertReadableFile } from "../analysis/ffmpeg";
import { CancelledError, UsageError } from "../errors";
import { checkOutputPath, withAtomicOutput } from "../io/atomic-output";
import { assertNotAnInput } from "../io/file-identity";
import type { Timeline } from "../timeline/timeline-schema";
import { abortable } from "./abortable";
import { buildShortProps } from "./build-short-props";
import { checkCompositionTarget } from "./check-composition-target";
import { resolveOptionalFollow } from "./resolve-follow-input";
import { checkClipCovered } from "./check-timeline-source";
import { getServeUrl } from "./get-serve-url";
import { checkCaptionInputs, preflightShort } from "./preflight-short";
import { readCaptionInputs } from "./read-caption-inputs";
import { assertBrowserUsable, renderComposition, type X264Preset } from "./render-composition";
import { resolveShortTimeline, type AnalysisSettings } from "./resolve-short-timeline";
import { resolveTemplate, type ResolvedTemplate } from "./resolve-template";
import type { PropOverrides, TemplateInput } from "./template-schema";
import { serveMediaFile } from "./serve-media-file";
import { trimTimeline } from "./trim-timeline";

export const OUTPUT_EXTENSIONS = [".mp4", ".mov", ".mkv"];

/** Which composition renders the short: a user's own gets SpeakerShort's input props (timeline, captions, clip). */
export interface CompositionTarget {
  /** A Remotion entry point (the file calling registerRoot); null = speakerframe's own root. */
  entryPoint: string | null;
  /** Composition id in that root. */
  id: string;
}

export interface RenderSettings {
  /** Browser tabs per render; null = Remotion's default (half the cores). */
  concurrency?: number | null;
  crf?: number;
  x264Preset?: X264Preset;
  /** Default: speakerframe's SpeakerShort. */
  composition?: CompositionTarget;
}

export interface RenderShortOptions {
  /** Source video. */
  input: string;
  /** Short to write (.mp4, .mov or .mkv; H.264 + AAC). */
  output: string;
  /** SRT file (captions and camera tags); omit for none. */
  srt?: string | null;
  /** Word-timing JSON (Remotion Caption[] or whisper formats); omit to spread each cue's words. */
  words?: string | null;
  /** Clip in source seconds; default the whole video. */
  startSeconds?: number;
  endSeconds?: number | null;
  /** Template name (built-in: tiktok, square, portrait; default tiktok). */
  template?: string;
  /** User templates (e.g. from a config file). */
  templates?: Record<string, TemplateInput>;
  /** Props on top of the template. */
  overrides?: PropOverrides;
  /** A timeline file or object to use instead of analysing (must match the video). */
  timeline?: string | Timeline;
  analysis?: AnalysisSettings;
  render?: RenderSettings;
  /**
   * Follow one person whenever they are on screen: a person id ("P2"), a source time ("01:23.5": whoever speaks
   * then) or a face image (jpg/png); see resolveFollowInput. Omit to follow whoever speaks.
   */
  follow?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: RenderShortProgress) => void;
}

export interface RenderShortProgress {
  stage: "analyze" | "bundle" | "render" | "encode";
  /** Analysis sub-stage (probe, audio, frames, finish). */
  detail?: string;
  done: number;
  total: number;
}

export interface RenderShortResult {
  /** Absolute path of the short. */
  output: string;
  timelinePath: string | null;
  timelineFrom: "given" | "cache" | "analysis";
  template: ResolvedTemplate;
  clip: { startSeconds: number; endSeconds: number };
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
  warnings: string[];
  /** The person followed and how they were found (with `follow`). */
  follow?: { person: string; how: string } | null;
  analysisSeconds: number;
  renderSeconds: number;
}

export function assertOutputExtension(output: string, what = "output"): void {
  if (!OUTPUT_EXTENSIONS.includes(extname(output).toLowerCase())) {
    throw new UsageError(`${what} "${output}" must end in ${OUTPUT_EXTENSIONS.join(", ")} (H.264 + AAC)`);
  }
}

export async function renderShort(options: RenderShortOptions): Promise<RenderShortResult> {
  const output = resolve(options.output);
  assertOutputExtension(options.output);
  assertReadableFile(options.input);
  assertNotAnInput({ path: options.output, what: "output" }, [
    { path: options.input, what: "input video" },
    options.srt ? { path: options.srt, what: "SRT" } : null,
    options.words ? { path: options.words, what: "word timings" } : null,
    typeof options.timeline === "string" ? { path: options.timeline, what: "timeline" } : null,
  ]);
  checkOutputPath(output);
  assertBrowserUsable();
  if (options.render?.composition) checkCompositionTarget(options.render.composition);
  const startSeconds = options.startSeconds ?? 0;
  const endSeconds = options.endSeconds ?? null;
  if (endSeconds !== null && endSeconds <= startSeconds) {
    throw new UsageError(`end ${endSeconds} s must be after start ${startSeconds} s`);
  }
  const template = resolveTemplate({
    name: options.template,
    templates: options.templates,
    overrides: options.overrides,
  });
  const captions = await readCaptionInputs({ srt: options.srt, words: options.words });
  // A bad SRT tag or word-timing file fails here, before any analysis.
  checkCaptionInputs({
    srtText: captions.srtText,
    words: captions.words,
    srtOrigin: options.srt ?? "SRT",
    wordsOrigin: options.words ?? undefined,
  });
  const resolved = await resolveShortTimeline({
    input: options.input,
    timeline: options.timeline,
    analysis: options.analysis,
    signal: options.signal,
    onAnalyzeProgress: (p: AnalyzeProgress) =>
      options.onProgress?.({ stage: "analyze", detail: p.stage, done: p.frame, total: p.totalFrames }),
  }).catch((error: unknown) => {
    // The decoder reports an abort as its own failure: say what happened instead.
    throw options.signal?.aborted ? new CancelledError("analysis interrupted") : error;
  });
  if (options.signal?.aborted) throw new CancelledError("render interrupted");
  const timelineOrigin = resolved.timelinePath ?? "the timeline";
  checkClipCovered({ timeline: resolved.timeline, timelineOrigin, startSeconds, endSeconds });
  const follow = await resolveOptionalFollow({
    timeline: resolved.timeline,
    who: options.follow,
    modelCacheDir: options.analysis?.modelCacheDir,
    device: options.analysis?.device,
  });
  const rendered = await renderPreparedShort({
    follow: follow?.label ?? null,
    input: options.input,
    output,
    timeline: resolved.timeline,
    srtText: captions.srtText,
    words: captions.words,
    srtOrigin: options.srt ?? "SRT",
    wordsOrigin: options.words ?? undefined,
    startSeconds,
    endSeconds,
    template,
    render: options.render,
    signal: options.signal,
    onProgress: options.onProgress,
  });
  return {
    ...rendered,
    timelinePath: resolved.timelinePath,
    timelineFrom: resolved.from,
    follow: follow ? { person: follow.label, how: follow.how } : null,
    analysisSeconds: resolved.analysisSeconds,
  };
}

export interface RenderPreparedShortInput {
  input: string;
  /** Absolute output path. */
  output: string;
  timeline: Timeline;
  srtText: string;
  words: unknown;
  srtOrigin: string;
  wordsOrigin?: string;
  startSeconds: number;
  endSeconds: number | null;
  template: ResolvedTemplate;
  render?: RenderSettings;
  /** Person to follow, "P2" (already resolved); null for none. */
  follow?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: RenderShortProgress) => void;
}

/** Plans (fails early) and renders one short from loaded inputs; batch calls this once per job. */
export async function renderPreparedShort(
  input: RenderPreparedShortInput,
): Promise<Omit<RenderShortResult, "timelinePath" | "timelineFrom" | "analysisSeconds">> {
  // Only the clip plus a margin travels to the browser (hour-long timelines are megabytes).
  const timeline = trimTimeline({
    timeline: input.timeline,
    startSeconds: input.startSeconds,
    endSeconds: input.endSeconds,
  });
  const src = await serveMediaFile(input.input);
  const props = buildShortProps({
    src,
    timeline,
    srtText: input.srtText,
    words: input.words,
    startSeconds: input.startSeconds,
    endSeconds: input.endSeconds,
    template: input.template,
    follow: input.follow ?? null,
  });
  const prepared = preflightShort({
    props,
    timeline,
    srtText: input.srtText,
    words: input.words,
    srtOrigin: input.srtOrigin,
    wordsOrigin: input.wordsOrigin,
  });
  const started = performance.now();
  const serveUrl = await abortable(
    getServeUrl({
      entryPoint: input.render?.composition?.entryPoint,
      onProgress: (percent) => input.onProgress?.({ stage: "bundle", done: percent, total: 100 }),
    }),
    input.signal,
  );
  if (input.signal?.aborted) throw new CancelledError("render interrupted");
  const result = await withAtomicOutput(input.output, (temp) =>
    renderComposition({
      serveUrl,
      compositionId: input.render?.composition?.id,
      inputProps: props,
      outputLocation: temp,
      concurrency: input.render?.concurrency,
      crf: input.render?.crf,
      x264Preset: input.render?.x264Preset,
      signal: input.signal,
      onProgress: (p) => input.onProgress?.({ stage: p.stage, done: p.frames, total: p.totalFrames }),
    }),
  );
  return {
    output: input.output,
    template: input.template,
    clip: { startSeconds: prepared.clip.startSeconds, endSeconds: prepared.clip.endSeconds },
    width: result.width,
    height: result.height,
    fps: result.fps,
    durationInFrames: result.durationInFrames,
    warnings: prepared.warnings,
    renderSeconds: (performance.now() - started) / 1000,
  };
}
