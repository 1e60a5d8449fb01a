// Fills an output area with a blurred, darkened, cover-fitted copy of the source: shown behind the fitted frame
// when the camera window is wider than the picture (no face, [wide], two people far apart in a wide framing, a
// tile too small for the framing). With `bounds` the copy is taken from that content region only, so bars, gaps
// and neighbouring tiles never show, not even blurred.
import type { ContentBounds, CropWindow } from "./camera/camera-types";
import { createWindowGeometry } from "./camera/create-window-geometry";
import { CroppedVideo } from "./CroppedVideo";

export function BlurredBackground(props: {
  src: string;
  trimBeforeFrames: number;
  source: { width: number; height: number };
  output: { width: number; height: number };
  /** Output area to fill, output px (default: the whole output). */
  area?: { x: number; y: number; width: number; height: number };
  /** Content region to copy, source px (default: the whole source). */
  bounds?: ContentBounds | null;
}) {
  const { source, output } = props;
  const area = props.area ?? { x: 0, y: 0, width: output.width, height: output.height };
  const geometry = createWindowGeometry({
    sourceWidth: source.width,
    sourceHeight: source.height,
    aspect: area.width / area.height,
    bounds: props.bounds,
  });
  const { bounds } = geometry;
  // 15% tighter than cover so the blur's soft edges fall outside the output (and inside the region).
  const window: CropWindow = geometry.windowAt(
    bounds.x + bounds.width / 2,
    bounds.y + bounds.height / 2,
    geometry.insideHeight / 1.15,
  );
  const scale = area.width / window.width;
  return (
    <CroppedVideo
      src={props.src}
      trimBeforeFrames={props.trimBeforeFrames}
      window={window}
      region={area}
      source={source}
      muted
      // Blur radius is in the video's own (source) px: ~3% of the output width on screen.
      videoStyle={{ filter: `blur(${(0.03 * output.width) / scale}px) brightness(0.55)` }}
    />
  );
}
