import { getFloatTensor, type Checkpoint } from "../checkpoint";
import { addLinear, type GraphBuilder } from "../onnx-builder";
import { ASD_EMBED_SIZE } from "./asd-model-kind";

/** lossAV.FC(features)[:, 1]: the raw "speaking" logit (no softmax), [B, T, 128] → [B, T]. */
export function addSpeakingLogit(g: GraphBuilder, checkpoint: Checkpoint, features: string): string {
  const weight = getFloatTensor({ checkpoint, name: "lossAV.FC.weight", shape: [2, ASD_EMBED_SIZE] });
  const bias = getFloatTensor({ checkpoint, name: "lossAV.FC.bias", shape: [2] });
  // Only row 1 (class "speaking") is needed.
  const logit = addLinear(g, {
    input: features,
    weight: weight.slice(ASD_EMBED_SIZE),
    bias: bias.slice(1),
    outFeatures: 1,
    inFeatures: ASD_EMBED_SIZE,
    name: "lossAV.FC.speaking",
  });
  return g.op("Squeeze", [logit, g.int64s([2])]);
}
