// The 9:16 (or any size) short: source video cropped by the camera plan, a second muted layer for split screens
// and blurred backgrounds, captions on top. React only draws; every decision comes from prepareSpeakerShort.
import { useMemo } from "react";
import { AbsoluteFill, Sequence, useCurrentFrame, useVideoConfig } from "remotion";
import { parseTimeline } from "../timeline/parse-timeline";
import { BlurredBackground } from "./BlurredBackground";
import { CaptionOverlay } from "./captions/CaptionOverlay";
import { CroppedVideo } from "./CroppedVideo";
import { DebugOverlay } from "./DebugOverlay";
import { isJsonText, isSrtText, timelineData } from "./load-speaker-short-inputs";
import { prepareSpeakerShort, type PreparedSpeakerShort } from "./prepare-speaker-short";
import { resolveAssetUrl } from "./resolve-asset-url";
import type { SpeakerShortProps } from "./speaker-short-schema";

/** Height of the seam between split-screen panels, as a fraction of the output height. */
const SEAM_FRACTION = 0.004;

function LowerPanel(props: { prepared: PreparedSpeakerShort; from: number; src: string }) {
  const { prepared, from, src } = props;
  const frame = useCurrentFrame() + from; // Sequence-relative -> composition frame
  const camera = prepared.plan.frames[Math.min(frame, prepared.plan.frames.length - 1)]!;
  const { width, height } = prepared.plan.output;
  if (!camera.lowerWindow) return null;
  return (
    <CroppedVideo
      src={src}
      trimBeforeFrames={prepared.clip.trimBeforeFrames + from}
      window={camera.lowerWindow}
      region={{ x: 0, y: height / 2, width, height: height / 2 }}
      source={prepared.plan.source}
      bounds={camera.lowerRegion}
      muted
    />
  );
}

export function SpeakerShort(props: SpeakerShortProps) {
  const frame = useCurrentFrame();
  const { width, height } = useVideoConfig();
  const inline = typeof props.timeline !== "string" || isJsonText(props.timeline);
  if (!inline || !isSrtText(props.srt) || typeof props.words === "string") {
    throw new Error(
      "SpeakerShort: timeline/srt/words are not loaded; register the composition with calculateSpeakerShortMetadata",
    );
  }
  const timeline = useMemo(
    () => parseTimeline(timelineData(props.timeline), "timeline prop"),
    [props.timeline],
  );
  const prepared = useMemo(
    () =>
      prepareSpeakerShort({
        props: { ...props, output: { width, height }, timeline, srt: props.srt, words: props.words },
      }),
    [props, timeline, width, height],
  );
  const src = resolveAssetUrl(props.src);
  const { plan, clip } = prepared;
  const camera = plan.frames[Math.min(frame, plan.frames.length - 1)]!;
  const split = camera.layout === "split";
  const seam = Math.round(SEAM_FRACTION * height);
  return (
    <AbsoluteFill
      style={{ backgroundColor: "black" }}
      // Markers for tests and debugging: which layout and segment this frame shows.
      data-speakerframe="SpeakerShort"
      data-layout={camera.layout}
      data-segment={camera.segment}
    >
      {prepared.backgroundSpans.map((span) => (
        <Sequence
          key={`bg-${span.from}`}
          from={span.from}
          durationInFrames={span.to - span.from}
          layout="none"
        >
          <BlurredBackground
            src={src}
            trimBeforeFrames={clip.trimBeforeFrames + span.from}
            source={plan.source}
            output={plan.output}
            area={split ? { x: 0, y: 0, width, height: height / 2 - seam / 2 } : undefined}
            bounds={camera.region}
          />
          {split ? (
            <BlurredBackground
              src={src}
              trimBeforeFrames={clip.trimBeforeFrames + span.from}
              source={plan.source}
              output={plan.output}
              area={{ x: 0, y: height / 2, width, height: height / 2 }}
              bounds={camera.lowerRegion}
            />
          ) : null}
        </Sequence>
      ))}
      <CroppedVideo
        src={src}
        trimBeforeFrames={clip.trimBeforeFrames}
        window={camera.window}
        region={{ x: 0, y: 0, width, height: split ? height / 2 - seam / 2 : height }}
        source={plan.source}
        bounds={camera.region}
        muted={false}
      />
      {prepared.splitSpans.map((span) => (
        <Sequence
          key={`split-${span.from}`}
          from={span.from}
          durationInFrames={span.to - span.from}
          layout="none"
        >
          <LowerPanel prepared={prepared} from={span.from} src={src} />
        </Sequence>
      ))}
      {prepared.pages.length > 0 ? (
        <CaptionOverlay
          pages={prepared.pages}
          timeMs={(clip.startSeconds + frame / clip.fps) * 1000}
          style={prepared.captionStyle}
          output={{ width, height }}
          centerY={split ? height / 2 : undefined}
        />
      ) : null}
      {props.showDebug ? <DebugOverlay prepared={prepared} frame={frame} timeline={timeline} /> : null}
    </AbsoluteFill>
  );
}
