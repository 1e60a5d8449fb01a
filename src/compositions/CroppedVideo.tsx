// Draws the source video into an output region, showing only the crop window: the video keeps its source size
// and a CSS transform scales and shifts it; the region clips the rest. With `bounds` (a content region), only the
// pixels inside it are drawn, so a window larger than its tile never shows the gap or the neighbour's tile.
import { Video } from "@remotion/media";
import type { CSSProperties } from "react";
import type { ContentBounds, CropWindow } from "./camera/camera-types";

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
  /** Only this part of the source is drawn, source px (default: all of it). */
  bounds?: ContentBounds | null;
  /** Extra style for the video (e.g. a blur filter). */
  videoStyle?: CSSProperties;
}

/** The part of the output region that shows `bounds`, output px relative to the region, on whole pixels. */
export function visibleRect(
  window: CropWindow,
  region: { width: number; height: number },
  bounds: ContentBounds | null | undefined,
): { left: number; top: number; right: number; bottom: number } {
  const full = { left: 0, top: 0, right: region.width, bottom: region.height };
  if (!bounds) return full;
  const scale = region.width / window.width;
  // Within a pixel of the edge counts as the edge: regions are inset, so that pixel is still picture.
  const snap = (value: number, low: number, high: number) =>
    value <= low + 1 ? low : value >= high - 1 ? high : Math.round(value);
  const left = snap((bounds.x - window.x) * scale, 0, region.width);
  const top = snap((bounds.y - window.y) * scale, 0, region.height);
  const right = snap((bounds.x + bounds.width - window.x) * scale, 0, region.width);
  const bottom = snap((bounds.y + bounds.height - window.y) * scale, 0, region.height);
  return { left, top, right: Math.max(left, right), bottom: Math.max(top, bottom) };
}

export function CroppedVideo(props: CroppedVideoProps) {
  const { window, region, source } = props;
  const scale = region.width / window.width;
  const visible = visibleRect(window, region, props.bounds);
  return (
    <div
      style={{
        position: "absolute",
        left: region.x + visible.left,
        top: region.y + visible.top,
        width: visible.right - visible.left,
        height: visible.bottom - visible.top,
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
          transform: `translate(${-window.x * scale - visible.left}px, ${-window.y * scale - visible.top}px) scale(${scale})`,
          ...props.videoStyle,
        }}
      />
    </div>
  );
}
