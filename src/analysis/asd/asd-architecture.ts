import type { Checkpoint } from "../checkpoint";
import type { GraphBuilder } from "../onnx-builder";
import type { AsdModelKind } from "./asd-model-kind";
import { addLightasdAudioEncoder } from "./lightasd/add-lightasd-audio-encoder";
import { addLightasdBackend } from "./lightasd/add-lightasd-backend";
import { lightasdVisualStages } from "./lightasd/lightasd-visual-stages";
import { addLrasdAudioEncoder } from "./lrasd/add-lrasd-audio-encoder";
import { addLrasdBackend } from "./lrasd/add-lrasd-backend";
import { lrasdVisualStages } from "./lrasd/lrasd-visual-stages";
import type { VisualStage } from "./visual-stage";

/** What differs between LR-ASD and Light-ASD; everything else (inputs, head, scoring) is shared. */
export interface AsdArchitecture {
  kind: AsdModelKind;
  visualStages(): VisualStage[];
  /**
   * Video frames next to a chunk edge where the audio embedding differs from a pass over the whole track:
   * each block's temporal convs plus the stride-2 pools' reach (LR-ASD: 3 audio frames at 4×, then 2 pooled,
   * 5 at 2×, 3 pooled, 6 at 1×; Light-ASD: 2 per block, giving 5). Checked in test/asd-score.test.ts.
   */
  audioEdgeRadiusFrames: number;
  /** MFCC [B, 4T, 13] → [B, T, 128]. */
  addAudioEncoder(g: GraphBuilder, checkpoint: Checkpoint, audio: string): string;
  /** Audio and visual embeddings [B, T, 128] → per-frame features [B, T, 128] (the input of lossAV). */
  addBackend(g: GraphBuilder, checkpoint: Checkpoint, audioEmbed: string, visualEmbed: string): string;
}

const ARCHITECTURES: Record<AsdModelKind, AsdArchitecture> = {
  lrasd: {
    kind: "lrasd",
    visualStages: lrasdVisualStages,
    audioEdgeRadiusFrames: 6,
    addAudioEncoder: addLrasdAudioEncoder,
    addBackend: addLrasdBackend,
  },
  lightasd: {
    kind: "lightasd",
    visualStages: lightasdVisualStages,
    audioEdgeRadiusFrames: 5,
    addAudioEncoder: addLightasdAudioEncoder,
    addBackend: addLightasdBackend,
  },
};

export function asdArchitecture(kind: AsdModelKind): AsdArchitecture {
  const architecture = ARCHITECTURES[kind];
  if (!architecture) throw new Error(`unknown active-speaker model kind "${String(kind)}"`);
  return architecture;
}
