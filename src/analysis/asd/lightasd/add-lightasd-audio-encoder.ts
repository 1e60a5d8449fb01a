import type { Checkpoint } from "../../checkpoint";
import type { GraphBuilder } from "../../onnx-builder";
import { addAudioEmbedding } from "../add-audio-embedding";
import { addAudioInput } from "../add-audio-input";
import { addAudioTimePool } from "../add-audio-time-pool";
import { addConvBnRelu } from "../add-conv-bn-relu";

const PREFIX = "model.audioEncoder";

/** Light-ASD audio encoder: MFCC [B, 4T, 13] → audio embedding [B, T, 128]. */
export function addLightasdAudioEncoder(g: GraphBuilder, checkpoint: Checkpoint, audio: string): string {
  let x = addAudioInput(g, audio);
  for (let block = 1; block <= 3; block++) {
    const p = `${PREFIX}.block${block}`;
    const conv = (input: string, name: string, bn: string) =>
      addConvBnRelu(g, { checkpoint, input, conv: `${p}.${name}.weight`, batchNorm: `${p}.${bn}` });
    // Two branches (coefficient k×1 then time 1×k, k = 3 and 5), summed, then a 1×1 merge.
    const branch3 = conv(conv(x, "m_3", "bn_m_3"), "t_3", "bn_t_3");
    const branch5 = conv(conv(x, "m_5", "bn_m_5"), "t_5", "bn_t_5");
    x = conv(g.op("Add", [branch3, branch5]), "last", "bn_last");
    if (block < 3) x = addAudioTimePool(g, x);
  }
  return addAudioEmbedding(g, x);
}
