import { getFloatTensor, type Checkpoint } from "../../checkpoint";
import { addGru, addSigmoidGate, foldBatchNorm, type GraphBuilder } from "../../onnx-builder";
import { ASD_BATCH_NORM_EPS } from "../asd-model-kind";
import { readBatchNorm } from "../read-batch-norm";
import { readGruWeights } from "../read-gru-weights";

/**
 * LR-ASD audio-visual backend: [B, T, 128] audio and visual embeddings → per-frame features [B, T, 128].
 * concat(audio, visual) gated by sigmoid(BN(A·x)); both GRUs read the gated sequence (one forward, one
 * time-reversed), their outputs are concatenated (forward first) and gated again the same way.
 */
export function addLrasdBackend(
  g: GraphBuilder,
  checkpoint: Checkpoint,
  audioEmbed: string,
  visualEmbed: string,
): string {
  const gate = (input: string, prefix: string, bnPrefix: string, features: number) => {
    const weight = getFloatTensor({ checkpoint, name: `${prefix}.weight`, shape: [features, features, 1] });
    const batchNorm = readBatchNorm({
      checkpoint,
      prefix: bnPrefix,
      channels: features,
      eps: ASD_BATCH_NORM_EPS,
    });
    return addSigmoidGate(g, { input, ...foldBatchNorm({ weight, batchNorm }), features, name: prefix });
  };
  const fused = gate(
    g.op("Concat", [audioEmbed, visualEmbed], { axis: 2 }),
    "model.fusion.attention",
    "model.fusion.bn",
    256,
  );
  const read = (prefix: string) => readGruWeights({ checkpoint, prefix, inputSize: 256, hiddenSize: 64 });
  const y = addGru(g, {
    input: g.op("Transpose", [fused], { perm: [1, 0, 2] }),
    inputSize: 256,
    hiddenSize: 64,
    direction: "bidirectional",
    cells: [read("model.detector.gru_forward"), read("model.detector.gru_backward")],
    name: "model.detector.gru",
  });
  // Y [T, 2, B, 64] → [B, T, 2, 64] → [B, T, 128] (forward half first).
  const both = g.op("Reshape", [g.op("Transpose", [y], { perm: [2, 0, 1, 3] }), g.int64s([0, 0, 128])]);
  return gate(both, "model.detector.attention.attention", "model.detector.attention.bn", 128);
}
