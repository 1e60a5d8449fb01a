// The camera planner: pure TypeScript, usable outside Remotion (CLI, tests, other renderers).
export * from "./camera-types";
export { planCamera } from "./plan-camera";
export { cameraMetrics, type CameraMetrics } from "./camera-metrics";
export { DEFAULT_CAMERA_OPTIONS, resolveCameraOptions } from "./resolve-camera-options";
export { chooseTwoPersonLayout } from "./choose-two-person-layout";
export { createFaceLookup, type FaceBox, type FaceLookup } from "./create-face-lookup";
