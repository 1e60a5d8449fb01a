import { getFloatTensor, type Checkpoint } from "../checkpoint";
import type { PyTorchGruWeights } from "../onnx-builder";

export interface ReadGruWeightsOptions {
  checkpoint: Checkpoint;
  /** e.g. "model.detector.gru_forward" */
  prefix: string;
  inputSize: number;
  hiddenSize: number;
}

/** Reads a single-layer PyTorch nn.GRU (`*_l0` tensors), checking shapes. */
export function readGruWeights(options: ReadGruWeightsOptions): PyTorchGruWeights {
  const { checkpoint, prefix, inputSize, hiddenSize } = options;
  const read = (name: string, shape: number[]) =>
    getFloatTensor({ checkpoint, name: `${prefix}.${name}`, shape });
  return {
    weightIh: read("weight_ih_l0", [3 * hiddenSize, inputSize]),
    weightHh: read("weight_hh_l0", [3 * hiddenSize, hiddenSize]),
    biasIh: read("bias_ih_l0", [3 * hiddenSize]),
    biasHh: read("bias_hh_l0", [3 * hiddenSize]),
  };
}
