// Two people at once: a stacked split screen (each face in its own half) or one wide window holding both.
// "auto" measures what each would show — the smaller face height in output px — and keeps the wide framing (which
// shows the two people together, and needs one video layer) unless the split makes faces `splitAdvantage` times larger.
// Side-by-side podcast guests in a 16:9 source are too far apart for a 9:16 window, so the split wins there;
// people sitting close (or a 1:1 output) get the wide framing.
import type { CameraOptions, TwoPersonLayoutChoice } from "./camera-types";
import type { FaceBox } from "./create-face-lookup";
import { createWindowGeometry } from "./create-window-geometry";
import { speakerWindowHeight, FACE_MARGIN_FRACTION } from "./speaker-window-height";

export interface ChooseTwoPersonLayoutInput {
  /** Median face boxes of the two people, source px. */
  faces: [FaceBox, FaceBox];
  source: { width: number; height: number };
  output: { width: number; height: number };
  options: Pick<
    CameraOptions,
    "splitFaceHeightFraction" | "maxZoom" | "faceCenterFromTop" | "twoPersonLayout" | "splitAdvantage"
  >;
}

export interface ChooseTwoPersonLayoutResult extends Omit<TwoPersonLayoutChoice, "segment" | "trackIds"> {
  /** Height of the wide window holding both faces, source px. */
  wideWindowHeight: number;
}

export function wideWindowHeight(
  faces: [FaceBox, FaceBox],
  aspect: number,
  source: { width: number; height: number },
) {
  const geometry = createWindowGeometry({ sourceWidth: source.width, sourceHeight: source.height, aspect });
  const left = Math.min(faces[0].x, faces[1].x);
  const right = Math.max(faces[0].x + faces[0].width, faces[1].x + faces[1].width);
  const top = Math.min(faces[0].y, faces[1].y);
  const bottom = Math.max(faces[0].y + faces[0].height, faces[1].y + faces[1].height);
  const margin = 1 + 6 * FACE_MARGIN_FRACTION;
  // Room for both faces plus shoulders below; never wider than the whole source fitted.
  const height = Math.max(
    ((right - left) * margin) / aspect,
    (bottom - top) * 2,
    geometry.insideHeight * 0.5,
  );
  return Math.min(height, geometry.fitAllHeight);
}

export function chooseTwoPersonLayout(input: ChooseTwoPersonLayoutInput): ChooseTwoPersonLayoutResult {
  const { faces, source, output, options } = input;
  const panelAspect = output.width / (output.height / 2);
  const panel = createWindowGeometry({
    sourceWidth: source.width,
    sourceHeight: source.height,
    aspect: panelAspect,
  });
  const splitFaceHeightOutputPx = Math.min(
    ...faces.map((face) => {
      const height = speakerWindowHeight({
        face,
        geometry: panel,
        options: { ...options, faceHeightFraction: options.splitFaceHeightFraction },
        zoom: 1,
      });
      return (face.height * (output.height / 2)) / height;
    }),
  );
  const wideHeight = wideWindowHeight(faces, output.width / output.height, source);
  const wideFaceHeightOutputPx = (Math.min(faces[0].height, faces[1].height) * output.height) / wideHeight;
  const chosen =
    options.twoPersonLayout === "auto"
      ? splitFaceHeightOutputPx >= options.splitAdvantage * wideFaceHeightOutputPx
        ? "split"
        : "wide"
      : options.twoPersonLayout;
  return { chosen, splitFaceHeightOutputPx, wideFaceHeightOutputPx, wideWindowHeight: wideHeight };
}
