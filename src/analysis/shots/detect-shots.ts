// Whole-clip shot detection over a stream of frames; see createShotDetector for the rule.
import { createShotDetector, type CreateShotDetectorOptions } from "./create-shot-detector";
import type { RgbFrame } from "./rgb-to-hsv";

export interface DetectShotsInput extends CreateShotDetectorOptions {
  /** Consecutive frames at a constant rate (e.g. 256 px wide at 25 fps). */
  frames: Iterable<RgbFrame> | AsyncIterable<RgbFrame>;
}

export interface DetectShotsResult {
  frameCount: number;
  /** Frame index of the first frame of each new shot, ascending. */
  cutFrames: number[];
  /** Per frame, the content score against the previous frame (NaN for frame 0). */
  scores: Float32Array;
}

export async function detectShots(input: DetectShotsInput): Promise<DetectShotsResult> {
  const detector = createShotDetector(input);
  const scores: number[] = [];
  for await (const frame of input.frames) {
    detector.push(frame);
    scores.push(detector.lastScore());
  }
  return { frameCount: detector.frameCount(), cutFrames: detector.cuts(), scores: Float32Array.from(scores) };
}
