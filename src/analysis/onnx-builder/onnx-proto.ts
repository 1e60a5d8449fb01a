// onnx-proto is CommonJS: bundlers expose `onnx` as a named export, plain Node ESM only as `default.onnx`.
import * as onnxProtoModule from "onnx-proto";

type OnnxNamespace = typeof onnxProtoModule.onnx;

export const onnx: OnnxNamespace =
  (onnxProtoModule as unknown as { default?: { onnx?: OnnxNamespace } }).default?.onnx ??
  onnxProtoModule.onnx;

export type { onnx as OnnxTypes } from "onnx-proto";
