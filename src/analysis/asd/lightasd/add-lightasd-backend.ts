import type { Checkpoint } from "../../checkpoint";
import { addGelu, addGru, type GraphBuilder } from "../../onnx-builder";
import { readGruWeights } from "../read-gru-weights";

/**
 * Light-ASD backend: audio + visual (sum) → GELU(GRU forward) → GELU(time-reversed GRU over that) → [B, T, 128].
 * The two GRUs run one after the other, not side by side.
 */
export function addLightasdBackend(
  g: GraphBuilder,
  checkpoint: Checkpoint,
  audioEmbed: string,
  visualEmbed: string,
): string {
  const read = (prefix: string) => readGruWeights({ checkpoint, prefix, inputSize: 128, hiddenSize: 128 });
  const fused = g.op("Transpose", [g.op("Add", [audioEmbed, visualEmbed])], { perm: [1, 0, 2] });
  const run = (input: string, direction: "forward" | "reverse", prefix: string) => {
    const y = addGru(g, {
      input,
      inputSize: 128,
      hiddenSize: 128,
      direction,
      cells: [read(prefix)],
      name: prefix,
    });
    return addGelu(g, g.op("Squeeze", [y, g.int64s([1])]));
  };
  const forward = run(fused, "forward", "model.GRU.gru_forward");
  const backward = run(forward, "reverse", "model.GRU.gru_backward");
  return g.op("Transpose", [backward], { perm: [1, 0, 2] });
}
