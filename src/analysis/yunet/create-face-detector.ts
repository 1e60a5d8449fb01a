// A YuNet face detector that owns its ONNX session; reuses the input blob between same-size frames.
import {
  createSession,
  type DeviceRequest,
  type ExecutionProviderName,
} from "../onnx-runtime/create-session";
import { detectFaces, type BgrFrame } from "./detect-faces";
import type { Face, YunetThresholds } from "./postprocess";

export interface CreateFaceDetectorOptions extends YunetThresholds {
  /** yunet_n_dynamic.onnx (or another dynamic-size YuNet export with the same 12 outputs). */
  modelPath: string;
  device?: DeviceRequest;
  /**
   * Intra-op threads; default 1: YuNet runs inside the frame loop while ffmpeg decodes on the other core, and a
   * second thread buys little on so small a network (640×360: 11 ms/frame on 1 thread, 14 CPU ms on 2).
   */
  threads?: number;
}

export interface FaceDetector {
  readonly executionProvider: ExecutionProviderName;
  /** Faces best first, in source px (see BgrFrame.sourcePxPerInputPx). */
  detect(frame: BgrFrame): Promise<Face[]>;
  release(): Promise<void>;
}

export async function createFaceDetector(options: CreateFaceDetectorOptions): Promise<FaceDetector> {
  const session = await createSession({
    model: options.modelPath,
    device: options.device,
    threads: options.threads ?? 1,
  });
  const thresholds: YunetThresholds = {
    scoreThreshold: options.scoreThreshold,
    nmsThreshold: options.nmsThreshold,
    topK: options.topK,
  };
  let spareBlob: Float32Array | undefined;
  return {
    executionProvider: session.executionProvider,
    async detect(frame) {
      // Take the spare buffer while this call uses it, so overlapping calls never share one.
      const reuseBlob = spareBlob;
      spareBlob = undefined;
      const { faces, blob } = await detectFaces({ ...frame, ...thresholds, session, reuseBlob });
      spareBlob = blob;
      return faces;
    },
    release: () => session.release(),
  };
}
