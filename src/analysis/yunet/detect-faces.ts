// One YuNet pass on one BGR frame: blob → network → decode + NMS → source px.
import type { InferenceSession } from "../onnx-runtime/create-session";
import { postprocess, type Face, type YunetThresholds } from "./postprocess";
import { preprocess } from "./preprocess";
import { scaleFaces, type SourcePxPerInputPx } from "./scale-faces";

export interface BgrFrame {
  /** Tightly packed 8-bit BGR rows. */
  bgr: Uint8Array;
  /** Detector-input px (the frame as given, possibly downscaled from the source). */
  width: number;
  height: number;
  /** When the frame was downscaled from the source: source px per input px (e.g. 1920 / 640 = 3). Default 1. */
  sourcePxPerInputPx?: SourcePxPerInputPx;
}

export interface DetectFacesInput extends BgrFrame, YunetThresholds {
  /** A session on yunet_*_dynamic.onnx (input "input", outputs cls/obj/bbox/kps × strides 8/16/32). */
  session: InferenceSession;
  /** Blob buffer to reuse between frames of one size; see preprocess. */
  reuseBlob?: Float32Array;
}

export interface DetectFacesResult {
  /** Best first, in source px. */
  faces: Face[];
  /** The blob buffer, for the next call's reuseBlob. */
  blob: Float32Array;
}

export async function detectFaces(input: DetectFacesInput): Promise<DetectFacesResult> {
  const blob = preprocess({
    bgr: input.bgr,
    width: input.width,
    height: input.height,
    reuse: input.reuseBlob,
  });
  const inputName = input.session.inputNames[0] ?? "input";
  const outputs = await input.session.run({ [inputName]: { data: blob.data, dims: blob.dims } });
  const faces = postprocess({
    outputs,
    paddedWidth: blob.paddedWidth,
    paddedHeight: blob.paddedHeight,
    scoreThreshold: input.scoreThreshold,
    nmsThreshold: input.nmsThreshold,
    topK: input.topK,
  });
  const scale = input.sourcePxPerInputPx ?? 1;
  return { faces: scale === 1 ? faces : scaleFaces(faces, scale), blob: blob.data };
}
