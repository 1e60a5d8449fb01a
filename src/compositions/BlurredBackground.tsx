// Fills the output with a blurred, darkened, cover-fitted copy of the source: shown behind the fitted frame when the
// camera window is wider than the source (no face, [wide], two people far apart in a wide framing).
import type { CropWindow } from "./camera/camera-types";
import { createWindowGeometry } from "./camera/create-window-geometry";
import { CroppedVideo } from "./CroppedVideo";

export function BlurredBackground(props: {
  src: string;
  trimBeforeFrames: number;
  source: { width: number; height: number };
  output: { width: number; height: number };
}) {
  const { source, output } = props;
  const geometry = createWindowGeometry({
    sourceWidth: source.width,
    sourceHeight: source.height,
    aspect: output.width / output.height,
  });
  // 15% tighter than cover so the blur's soft edges fall outside the output.
  const window: CropWindow = geometry.windowAt(
    source.width / 2,
    source.height / 2,
    geometry.insideHeight / 1.15,
  );
  const scale = output.width / window.width;
  return (
    <CroppedVideo
      src={props.src}
      trimBeforeFrames={props.trimBeforeFrames}
      window={window}
      region={{ x: 0, y: 0, width: output.width, height: output.height }}
      source={source}
      muted
      // Blur radius is in the video's own (source) px: ~3% of the output width on screen.
      videoStyle={{ filter: `blur(${(0.03 * output.width) / scale}px) brightness(0.55)` }}
    />
  );
}
