import type { Checkpoint } from "../checkpoint";
import { createGraphBuilder, type GraphBuilder } from "../onnx-builder";
import { addSpeakingLogit } from "./add-speaking-logit";
import { asdArchitecture, type AsdArchitecture } from "./asd-architecture";
import { ASD_CROP_SIZE_PX, ASD_EMBED_SIZE, ASD_MFCC_COEFFICIENTS, type AsdModelKind } from "./asd-model-kind";
import { addNormalizedFrames, toFrames, type VisualGraphContext, type VisualValue } from "./visual-layout";
import type { VisualStage } from "./visual-stage";

/** Bump when the graphs change, so that cached ONNX files are rebuilt. */
export const ASD_GRAPH_BUILDER_VERSION = 2;

export interface BuildAsdGraphsOptions {
  checkpoint: Checkpoint;
  kind: AsdModelKind;
  /** Stored in every graph's metadata. */
  metadata?: Record<string, string>;
}

export interface AsdGraphs {
  kind: AsdModelKind;
  /** audio [B,4T,13] + video [B,T,112,112] → logits [B,T], features, audio_embed, visual_embed [B,T,128]. */
  full: Uint8Array;
  /** audio [B,4T,13] → audio_embed [B,T,128]. */
  audio: Uint8Array;
  /** audio_embed + visual_embed [B,T,128] → logits [B,T], features [B,T,128]. */
  backend: Uint8Array;
  /**
   * The visual encoder in stages without temporal padding: stage k maps inputs x0.. [B,T,C,H,W] (stage 0: uint8
   * video [B,T,112,112]) and, for stacked temporal convs, mask [B,T] (1 = frame inside the chunk) to
   * y0.. [B·(T-2p),C',H',W'] (last stage: visual_embed [B,T-2p,128]); p = stageRadii[k].
   */
  visualStages: Uint8Array[];
  /**
   * For stages with a mask input: the same stage without it, for windows that hold no padding frames (the
   * continuous pass), which saves the mask's layout round trip. null for stages without a mask.
   */
  visualStagesUnmasked: Array<Uint8Array | null>;
  stageRadii: number[];
}

/** Builds every ONNX graph the project needs for one LR-ASD / Light-ASD checkpoint, in memory. */
export function buildAsdGraphs(options: BuildAsdGraphsOptions): AsdGraphs {
  const { checkpoint, kind } = options;
  const architecture = asdArchitecture(kind);
  const metadata = { "speakerframe.asd.kind": kind, ...options.metadata };
  const stages = architecture.visualStages();

  const full = createGraphBuilder({ name: `${kind}-full` });
  const audio = full.input("audio", ["B", "4T", ASD_MFCC_COEFFICIENTS]);
  const video = full.input("video", ["B", "T", ASD_CROP_SIZE_PX, ASD_CROP_SIZE_PX]);
  const audioEmbed = architecture.addAudioEncoder(full, checkpoint, audio);
  const visualEmbed = addVisualEncoder(full, checkpoint, stages, video);
  const heads = addHeads(full, checkpoint, architecture, audioEmbed, visualEmbed);
  full.output("logits", heads.logits, ["B", "T"]);
  full.output("features", heads.features, ["B", "T", ASD_EMBED_SIZE]);
  full.output("audio_embed", audioEmbed, ["B", "T", ASD_EMBED_SIZE]);
  full.output("visual_embed", visualEmbed, ["B", "T", ASD_EMBED_SIZE]);

  const audioOnly = createGraphBuilder({ name: `${kind}-audio` });
  audioOnly.output(
    "audio_embed",
    architecture.addAudioEncoder(
      audioOnly,
      checkpoint,
      audioOnly.input("audio", ["B", "4T", ASD_MFCC_COEFFICIENTS]),
    ),
    ["B", "T", ASD_EMBED_SIZE],
  );

  const backend = createGraphBuilder({ name: `${kind}-backend` });
  const backendHeads = addHeads(
    backend,
    checkpoint,
    architecture,
    backend.input("audio_embed", ["B", "T", ASD_EMBED_SIZE]),
    backend.input("visual_embed", ["B", "T", ASD_EMBED_SIZE]),
  );
  backend.output("logits", backendHeads.logits, ["B", "T"]);
  backend.output("features", backendHeads.features, ["B", "T", ASD_EMBED_SIZE]);

  return {
    kind,
    full: full.serialize(metadata),
    audio: audioOnly.serialize(metadata),
    backend: backend.serialize(metadata),
    visualStages: stages.map((_, index) =>
      buildStageGraph(checkpoint, kind, stages, index, true).serialize(metadata),
    ),
    visualStagesUnmasked: stages.map((stage, index) =>
      stage.needsMask ? buildStageGraph(checkpoint, kind, stages, index, false).serialize(metadata) : null,
    ),
    stageRadii: stages.map((stage) => stage.temporalRadius),
  };
}

function addHeads(
  g: GraphBuilder,
  checkpoint: Checkpoint,
  architecture: AsdArchitecture,
  audioEmbed: string,
  visualEmbed: string,
): { features: string; logits: string } {
  const features = architecture.addBackend(g, checkpoint, audioEmbed, visualEmbed);
  return { features, logits: addSpeakingLogit(g, checkpoint, features) };
}

/** The whole visual encoder with the reference's zero padding: video [B,T,112,112] → [B,T,128]. */
function addVisualEncoder(
  g: GraphBuilder,
  checkpoint: Checkpoint,
  stages: VisualStage[],
  video: string,
): string {
  const ctx: VisualGraphContext = { g, checkpoint, batch: batchOf(g, video), temporalPadding: "same" };
  let values: VisualValue[] = [addNormalizedFrames(ctx, video, ASD_CROP_SIZE_PX)];
  for (const stage of stages) {
    const result = stage.build(ctx, values);
    if (typeof result === "string") return result;
    values = result;
  }
  throw new Error("visual encoder has no embedding stage");
}

function buildStageGraph(
  checkpoint: Checkpoint,
  kind: AsdModelKind,
  stages: VisualStage[],
  index: number,
  withMask: boolean,
) {
  const stage = stages[index]!;
  const g = createGraphBuilder({ name: `${kind}-visual-stage-${index}${withMask ? "" : "-unmasked"}` });
  let inputs: VisualValue[];
  let batch: string;
  if (index === 0) {
    // The stem reads the crops as uint8 (a quarter of the bytes to pass in) and casts in the graph.
    const video = g.input("video", ["B", "T", ASD_CROP_SIZE_PX, ASD_CROP_SIZE_PX], "uint8");
    batch = batchOf(g, video);
    const asFloat = g.op("Cast", [video], { to: 1 });
    inputs = [
      addNormalizedFrames({ g, checkpoint, batch, temporalPadding: "valid" }, asFloat, ASD_CROP_SIZE_PX),
    ];
  } else {
    // Inputs are frame-major [B, T, C, H, W]: a window is then a plain run of frames for the caller to fill.
    const trims = stage.inputTrims ?? [];
    const names = stage.inputs.map((shape, i) => {
      const frames = trims[i] ? `T_minus_${2 * trims[i]!}` : "T";
      return g.input(`x${i}`, ["B", frames, shape.channels, shape.height, shape.width]);
    });
    batch = batchOf(g, names[0]!);
    inputs = stage.inputs.map((shape, i) => ({
      name: g.op("Reshape", [names[i]!, g.int64s([-1, shape.channels, shape.height, shape.width])]),
      layout: "frames",
      ...shape,
      timeCrop: trims[i] ?? 0,
    }));
  }
  const mask = stage.needsMask && withMask ? g.input("mask", ["B", "T"]) : undefined;
  const ctx: VisualGraphContext = {
    g,
    checkpoint,
    batch,
    temporalPadding: "valid",
    ...(mask ? { mask } : {}),
  };
  const result = stage.build(ctx, inputs);
  if (typeof result === "string") {
    g.output("visual_embed", result, ["B", "T_out", ASD_EMBED_SIZE]);
  } else {
    // Outputs leave frame-major, [B·T', C, H, W] (straight from the last per-frame op, no copy).
    result.forEach((value, i) => {
      const frames = toFrames(ctx, value);
      g.output(`y${i}`, frames.name, ["BT_out", value.channels, value.height, value.width]);
    });
  }
  return g;
}

function batchOf(g: GraphBuilder, input: string): string {
  return g.op("Slice", [g.op("Shape", [input]), g.int64s([0]), g.int64s([1])]);
}
