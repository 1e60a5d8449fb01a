import { asdArchitecture } from "./asd-architecture";
import { ASD_EMBED_SIZE, type AsdModelKind } from "./asd-model-kind";

/** What computeChunkVisualEmbeddings needs to know about each visual stage graph, without the checkpoint. */
export type VisualStageInfo = VisualStageInfoBase & (TimeLayoutStageIo | FrameMajorStageIo);

interface VisualStageInfoBase {
  /** Frames the stage's temporal convs reach on each side (0 for a per-frame stage). */
  radius: number;
  inputNames: string[];
  outputNames: string[];
  /** The stage also takes a [B, T] "mask" input (1 inside the chunk, 0 on padding frames). */
  needsMask: boolean;
  /** Input j is fed inputTrims[j] frames shorter at each end than the window (default 0). */
  inputTrims?: number[];
}

/** Stage tensors as [B, channels, T, plane] (what buildAsdGraphs' stage graphs use). */
export interface TimeLayoutStageIo {
  /** Each input's layout (ignored for stage 0, which reads the video [B, T, 112, 112]). */
  inputLayouts: TimeLayout[];
  /** Each output's layout (the embedding [B, T, 128] is 1 channel of 128). */
  outputLayouts: TimeLayout[];
  /** Element type of stage 0's video input; default "uint8". */
  videoElementType?: "uint8" | "float32";
}

/** Frame-major stage tensors [B, T, ...shape] (float32 video for stage 0), described by per-frame sizes. */
export interface FrameMajorStageIo {
  /** Floats per frame of each input. */
  inputFrameSizes: number[];
  /** Per-frame shape of each input after [B, T]. */
  inputShapes: number[][];
  /** Floats per frame of each output. */
  outputFrameSizes: number[];
}

/** A tensor [B, channels, T, plane]: frame t of channel c is a contiguous run of `plane` floats. */
export interface TimeLayout {
  channels: number;
  plane: number;
  /** For 1-channel tensors fed as [B, T, ...frameShape] instead of [B, 1, T, plane]. */
  frameShape?: number[];
}

/** The time-layout description of a stage, whichever form it was given in. */
export function stageLayouts(stage: VisualStageInfo): Required<TimeLayoutStageIo> {
  if ("inputLayouts" in stage) {
    return {
      inputLayouts: stage.inputLayouts,
      outputLayouts: stage.outputLayouts,
      videoElementType: stage.videoElementType ?? "uint8",
    };
  }
  return {
    inputLayouts: stage.inputFrameSizes.map((plane, j) => ({
      channels: 1,
      plane,
      frameShape: stage.inputShapes[j]!,
    })),
    outputLayouts: stage.outputFrameSizes.map((plane) => ({ channels: 1, plane })),
    videoElementType: "float32",
  };
}

/** Stage descriptions of the LR-ASD / Light-ASD stage graphs built by buildAsdGraphs. */
export function visualStageInfo(kind: AsdModelKind): VisualStageInfo[] {
  const stages = asdArchitecture(kind).visualStages();
  // Stage graphs take and give frame-major tensors: one "channel" of C·H·W floats per frame.
  const layout = (s: { channels: number; height: number; width: number }): TimeLayout => ({
    channels: 1,
    plane: s.channels * s.height * s.width,
    frameShape: [s.channels, s.height, s.width],
  });
  return stages.map((stage, index) => ({
    radius: stage.temporalRadius,
    inputLayouts: stage.inputs.map(layout),
    outputLayouts:
      stage.outputs.length > 0 ? stage.outputs.map(layout) : [{ channels: 1, plane: ASD_EMBED_SIZE }],
    inputNames: index === 0 ? ["video"] : stage.inputs.map((_, i) => `x${i}`),
    needsMask: stage.needsMask,
    ...(stage.inputTrims ? { inputTrims: stage.inputTrims } : {}),
    outputNames: stage.outputs.length > 0 ? stage.outputs.map((_, i) => `y${i}`) : ["visual_embed"],
  }));
}
