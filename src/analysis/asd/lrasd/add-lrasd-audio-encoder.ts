import type { Checkpoint } from "../../checkpoint";
import type { GraphBuilder } from "../../onnx-builder";
import { addAudioEmbedding } from "../add-audio-embedding";
import { addAudioInput } from "../add-audio-input";
import { addAudioTimePool } from "../add-audio-time-pool";
import { addConvBnRelu } from "../add-conv-bn-relu";

const PREFIX = "model.audioEncoder";

/** LR-ASD audio encoder: MFCC [B, 4T, 13] → audio embedding [B, T, 128]. */
export function addLrasdAudioEncoder(g: GraphBuilder, checkpoint: Checkpoint, audio: string): string {
  let x = addAudioInput(g, audio);
  for (let block = 1; block <= 3; block++) {
    const p = `${PREFIX}.block${block}`;
    // Two convs along the coefficient axis (k×1), then two along time (1×k).
    for (const [conv, bn] of [
      ["m_1", "m_norm_1"],
      ["m_2", "m_norm_2"],
      ["t_1", "t_norm_1"],
      ["t_2", "t_norm_2"],
    ] as const) {
      x = addConvBnRelu(g, { checkpoint, input: x, conv: `${p}.${conv}.weight`, batchNorm: `${p}.${bn}` });
    }
    if (block < 3) x = addAudioTimePool(g, x);
  }
  return addAudioEmbedding(g, x);
}
