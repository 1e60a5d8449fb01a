// Streaming hard-cut detector in the manner of PySceneDetect's ContentDetector: a frame's score is the mean
// absolute difference of its H, S and V planes against the previous frame's, averaged with equal weights, and a
// score ≥ threshold is a cut candidate. Only abrupt changes score high, so camera moves and talking heads stay one
// shot. Shots shorter than minShotFrames are merged away (like PySceneDetect's merge flash filter): a candidate
// that comes too soon after the previous cut moves that cut to itself, so a few blank or flash frames before a
// new shot do not start their own shot; a candidate too soon after frame 0 is dropped. Pure (frames in, indices
// out).
import { rgbToHsv, type HsvPlanes, type RgbFrame } from "./rgb-to-hsv";

export interface CreateShotDetectorOptions {
  /** Mean HSV change (0..255 scale) that marks a cut; PySceneDetect's default is 27. */
  threshold?: number;
  /** Shortest shot in frames; a shorter one is merged into the shot before it (the first starts at 0). Default 15. */
  minShotFrames?: number;
}

export interface ShotDetector {
  /**
   * Feeds the next frame (index = number of frames pushed before); true when a new shot starts at this frame. Such a
   * cut is provisional for minShotFrames frames: a later candidate within that span replaces it (see cuts()).
   */
  push(frame: RgbFrame): boolean;
  /** Frame indices of the first frame of every shot after the first, ascending; final once the stream has ended. */
  cuts(): number[];
  /** The score of the last pushed frame against its predecessor; NaN after the first frame. */
  lastScore(): number;
  /** Frames pushed so far. */
  frameCount(): number;
}

export function createShotDetector(options: CreateShotDetectorOptions = {}): ShotDetector {
  const threshold = options.threshold ?? 27;
  const minShotFrames = options.minShotFrames ?? 15;
  const cutFrames: number[] = [];
  let previous: HsvPlanes | undefined;
  let spare: HsvPlanes | undefined;
  let size: { width: number; height: number } | undefined;
  let frameIndex = 0;
  let shotStartFrame = 0;
  let score = Number.NaN;

  return {
    push(frame) {
      if (size && (frame.width !== size.width || frame.height !== size.height)) {
        throw new Error(
          `frame size changed from ${size.width}x${size.height} to ${frame.width}x${frame.height}`,
        );
      }
      size = { width: frame.width, height: frame.height };
      const current = rgbToHsv(frame, spare);
      let isCut = false;
      if (previous) {
        score = meanHsvDifference(previous, current);
        if (score >= threshold) {
          if (frameIndex - shotStartFrame >= minShotFrames) {
            isCut = true;
            cutFrames.push(frameIndex);
          } else if (cutFrames.length > 0) {
            // The shot since the last cut would be too short: merge it into the shot before, moving the cut here.
            isCut = true;
            cutFrames[cutFrames.length - 1] = frameIndex;
          }
          if (isCut) shotStartFrame = frameIndex;
        }
      }
      spare = previous;
      previous = current;
      frameIndex++;
      return isCut;
    },
    cuts: () => [...cutFrames],
    lastScore: () => score,
    frameCount: () => frameIndex,
  };
}

/** (mean|ΔH| + mean|ΔS| + mean|ΔV|) / 3; hue is compared as a plain number, not around the circle. */
function meanHsvDifference(a: HsvPlanes, b: HsvPlanes): number {
  const pixelCount = a.hue.length;
  let hue = 0;
  let saturation = 0;
  let value = 0;
  for (let i = 0; i < pixelCount; i++) {
    hue += Math.abs(a.hue[i]! - b.hue[i]!);
    saturation += Math.abs(a.saturation[i]! - b.saturation[i]!);
    value += Math.abs(a.value[i]! - b.value[i]!);
  }
  return (hue + saturation + value) / (3 * pixelCount);
}
