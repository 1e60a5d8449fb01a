// The followed speaker video without captions, for custom compositions: the camera's window over the whole
// composition (or the region given), the lower panel in a split, a blurred fill where the window leaves the source.
import type { CSSProperties, ReactNode } from "react";
import { AbsoluteFill, useVideoConfig } from "remotion";
import type { Timeline } from "../timeline/timeline-schema";
import { BlurredBackground } from "./BlurredBackground";
import { CroppedVideo } from "./CroppedVideo";
import { resolveAssetUrl } from "./resolve-asset-url";
import { useSpeakerCamera, type UseSpeakerCameraOptions } from "./use-speaker-camera";

export interface SpeakerVideoProps extends UseSpeakerCameraOptions {
  /** Video URL, or a path inside the public folder. */
  src: string;
  /** Timeline object or its JSON text. */
  timeline: Timeline | string;
  /** Play the source's audio (default true). */
  audio?: boolean;
  style?: CSSProperties;
  /** Drawn on top (titles, overlays). */
  children?: ReactNode;
}

export function SpeakerVideo(props: SpeakerVideoProps) {
  const { src: location, timeline, audio = true, style, children, ...options } = props;
  const { width, height } = useVideoConfig();
  const { frame, plan, clip } = useSpeakerCamera(timeline, options);
  const src = resolveAssetUrl(location);
  const split = frame.layout === "split" && frame.lowerWindow !== null;
  const { source } = plan;
  const leaves = [frame.window, frame.lowerWindow].some(
    (w) =>
      !!w &&
      (w.x < -0.5 ||
        w.y < -0.5 ||
        w.x + w.width > source.width + 0.5 ||
        w.y + w.height > source.height + 0.5),
  );
  return (
    <AbsoluteFill style={{ backgroundColor: "black", ...style }} data-layout={frame.layout}>
      {leaves ? (
        <BlurredBackground
          src={src}
          trimBeforeFrames={clip.trimBeforeFrames}
          source={source}
          output={plan.output}
        />
      ) : null}
      <CroppedVideo
        src={src}
        trimBeforeFrames={clip.trimBeforeFrames}
        window={frame.window}
        region={{ x: 0, y: 0, width, height: split ? height / 2 : height }}
        source={source}
        muted={!audio}
      />
      {split ? (
        <CroppedVideo
          src={src}
          trimBeforeFrames={clip.trimBeforeFrames}
          window={frame.lowerWindow!}
          region={{ x: 0, y: height / 2, width, height: height / 2 }}
          source={source}
          muted
        />
      ) : null}
      {children}
    </AbsoluteFill>
  );
}
