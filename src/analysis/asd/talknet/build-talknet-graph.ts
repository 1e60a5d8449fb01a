// The whole TalkNet network as one ONNX graph with the same inputs and main outputs as the other ASD models.
import type { Checkpoint } from "../../checkpoint";
import { addLinear, createGraphBuilder } from "../../onnx-builder";
import { addTalknetAttentionLayer } from "./add-talknet-attention-layer";
import { addTalknetAudioEncoder } from "./add-talknet-audio-encoder";
import { addTalknetVisualFrontend } from "./add-talknet-visual-frontend";
import { addTalknetVisualTemporal } from "./add-talknet-visual-temporal";
import { verifyTalknetCheckpoint } from "./verify-talknet-checkpoint";

/** Bump when the graph changes: registered models built by another version must be added again. */
export const TALKNET_GRAPH_VERSION = 1;

/** Graph outputs always present: `logits` [B,T] and `features` [B,T,256] first, then parity outputs. */
export const TALKNET_OUTPUT_NAMES = [
  "logits",
  "features",
  "logits2",
  "audio_embed",
  "visual_embed",
  "cross_audio",
  "cross_visual",
] as const;

export interface BuildTalknetGraphOptions {
  checkpoint: Checkpoint;
  /** Also output intermediate tensors (visual_frontend3d, visual_resnet_layerN, visual_frontend512,
   * visual_tcn_blockN, audio_stem, audio_layerN, {crossA2V,crossV2A,selfAV}_{attn_out,norm1}). */
  debugOutputs?: boolean;
}

export interface TalknetGraph {
  /** Serialized ONNX model (opset 17). */
  model: Uint8Array;
  outputNames: string[];
  /** Keys in the checkpoint that TalkNet does not have (ignored). */
  unexpectedKeys: string[];
}

/**
 * Verifies `checkpoint` is a TalkNet state_dict and builds the network:
 * inputs `audio` MFCC [B, 4T, 13] and `video` [B, T, 112, 112] grey 0..255 (normalised inside);
 * `logits` [B, T] is lossAV.FC(features)[:, 1], the raw "speaking" logit evaluate_network averages (no softmax).
 * B = 1 reproduces upstream exactly; B > 1 scores each clip on its own (upstream's Conv3d would mix them).
 * Audio and video lengths must satisfy ⌈⌈nA/2⌉/2⌉ = T (nA = 4T): the graph does not check it.
 */
export function buildTalknetGraph(options: BuildTalknetGraphOptions): TalknetGraph {
  const weights = verifyTalknetCheckpoint({ checkpoint: options.checkpoint });
  const g = createGraphBuilder({
    name: "talknet",
    docString: "TalkNet-ASD (Tao et al. 2021), built by speakerframe",
  });
  const outputNames: string[] = [];
  const tap = options.debugOutputs
    ? (name: string, value: string) => {
        g.output(name, value);
        outputNames.push(name);
      }
    : undefined;

  const audio = g.input("audio", ["B", "A", 13]);
  const video = g.input("video", ["B", "T", 112, 112]);

  const frames = addTalknetVisualFrontend(g, { video, weights, tap });
  tap?.(frames, frames);
  const visualEmbed = addTalknetVisualTemporal(g, { frames, weights, tap });
  const audioEmbed = addTalknetAudioEncoder(g, { audio, weights, tap });

  // Both cross layers read the original embeddings, not each other's output.
  const crossAudio = addTalknetAttentionLayer(g, {
    src: audioEmbed,
    tar: visualEmbed,
    prefix: "model.crossA2V",
    dModel: 128,
    weights,
    tap,
  });
  const crossVisual = addTalknetAttentionLayer(g, {
    src: visualEmbed,
    tar: audioEmbed,
    prefix: "model.crossV2A",
    dModel: 128,
    weights,
    tap,
  });
  const fused = g.op("Concat", [crossAudio, crossVisual], { axis: -1 }); // audio first
  const features = addTalknetAttentionLayer(g, {
    src: fused,
    tar: fused,
    prefix: "model.selfAV",
    dModel: 256,
    weights,
    tap,
  });
  const logits2 = addLinear(g, {
    input: features,
    weight: weights.tensor("lossAV.FC.weight"),
    bias: weights.tensor("lossAV.FC.bias"),
    outFeatures: 2,
    inFeatures: 256,
    name: "lossAV.FC",
  });
  const speaking = g.op("Gather", [logits2, g.initializer("speaking_class", BigInt64Array.of(1n), [])], {
    axis: 2,
  });

  const main: Record<(typeof TALKNET_OUTPUT_NAMES)[number], [string, (string | number)[]]> = {
    logits: [speaking, ["B", "T"]],
    features: [features, ["B", "T", 256]],
    logits2: [logits2, ["B", "T", 2]],
    audio_embed: [audioEmbed, ["B", "T", 128]],
    visual_embed: [visualEmbed, ["B", "T", 128]],
    cross_audio: [crossAudio, ["B", "T", 128]],
    cross_visual: [crossVisual, ["B", "T", 128]],
  };
  for (const name of TALKNET_OUTPUT_NAMES) {
    const [value, dims] = main[name];
    g.output(name, value, dims);
    outputNames.push(name);
  }
  return {
    model: g.serialize({
      "speakerframe.asd.kind": "talknet",
      "speakerframe.talknet.graph_version": String(TALKNET_GRAPH_VERSION),
    }),
    outputNames,
    unexpectedKeys: weights.unexpectedKeys,
  };
}
