// Draws the source video into an output region, showing only the crop window: the video keeps its source size
// and a CSS transform scales and shifts it; the region clips the rest.
import { Video } from "@remotion/media";
import type { CSSProperties } from "react";
import type { CropWindow } from "./camera/camera-types";

export interface CroppedVideoProps {
  src: string;
  /** Output frames of the source skipped before this element's first frame. */
  trimBeforeFrames: number;
  window: CropWindow;
  /** Where to draw, output px. */
  region: { x: number; y: number; width: number; height: number };
  /** Source size, source px. */
  source: { width: number; height: number };
  muted: boolean;
  /** Extra style for the video (e.g. a blur filter). */
  videoStyle?: CSSProperties;
}

export function CroppedVideo(props: CroppedVideoProps) {
  const { window, region, source } = props;
  const scale = region.width / window.width;
  return (
    <div
      style={{
        position: "absolute",
        left: region.x,
        top: region.y,
        width: region.width,
        height: region.height,
        overflow: "hidden",
      }}
    >
      <Video
        src={props.src}
        trimBefore={props.trimBeforeFrames > 0 ? props.trimBeforeFrames : undefined}
        muted={props.muted}
        style={{
          position: "absolute",
          left: 0,
          top: 0,
          width: source.width,
          height: source.height,
          transformOrigin: "0 0",
          transform: `translate(${-window.x * scale}px, ${-window.y * scale}px) scale(${scale})`,
          ...props.videoStyle,
        }}
      />
    </div>
  );
}
