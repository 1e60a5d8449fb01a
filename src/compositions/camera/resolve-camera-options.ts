// Defaults for the camera planner. Tuned on the synthetic two-speaker clip and on noisy synthetic timelines
// (test/camera-plan.test.ts): calm enough to never jitter, quick enough that a new speaker's first word is on screen.
import type { CameraOptions } from "./camera-types";

export const DEFAULT_CAMERA_OPTIONS: CameraOptions = {
  faceHeightFraction: 0.3,
  splitFaceHeightFraction: 0.45,
  faceCenterFromTop: 0.4,
  maxZoom: 2.5,
  deadzoneFraction: 0.1,
  smoothingSeconds: 0.25,
  maxSpeedWidthsPerSecond: 1,
  maxAccelerationWidthsPerSecond2: 3,
  minMoveSeconds: 0.6,
  minTurnSeconds: 0.7,
  minHoldSeconds: 1.2,
  anticipationSeconds: 0.12,
  panMaxDistanceWidths: 0.75,
  panSeconds: 0.4,
  quickTurnSeconds: 1.6,
  quickTurnsForTwoShot: 3,
  twoPersonLayout: "auto",
  splitAdvantage: 1.3,
  noFaceLayout: "fit",
  silence: "stay",
  widenAfterSilenceSeconds: 4,
  contextSeconds: 6,
  followFallback: "speaker",
};

export function resolveCameraOptions(partial: Partial<CameraOptions>): CameraOptions {
  const options = { ...DEFAULT_CAMERA_OPTIONS };
  for (const key of Object.keys(DEFAULT_CAMERA_OPTIONS) as (keyof CameraOptions)[]) {
    const value = partial[key];
    if (value !== undefined) (options as Record<string, unknown>)[key] = value;
  }
  const positive: (keyof CameraOptions)[] = ["faceHeightFraction", "maxZoom", "maxSpeedWidthsPerSecond"];
  for (const key of positive) {
    if (!((options[key] as number) > 0))
      throw new Error(`camera option ${key} must be > 0, got ${options[key]}`);
  }
  if (options.faceCenterFromTop <= 0 || options.faceCenterFromTop >= 1) {
    throw new Error(
      `camera option faceCenterFromTop must be between 0 and 1, got ${options.faceCenterFromTop}`,
    );
  }
  return options;
}
