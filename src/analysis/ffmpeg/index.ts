export { resolveBinaries, type FfmpegBinaries } from "./resolve-binaries";
export { MediaError, assertReadableFile } from "./media-error";
export { fileInputUrl } from "./file-input-url";
export { probeMedia, type MediaInfo, type Rational } from "./probe-media";
export {
  streamFrames,
  type StreamFramesOptions,
  type VideoOutputSpec,
  type DecodedFrame,
  type FrameStream,
  type PixelFormat,
} from "./stream-frames";
export { readAudio, type ReadAudioOptions } from "./read-audio";
