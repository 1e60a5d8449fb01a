// Cuts a built TalkNet model (one .onnx file) into the two pieces the shared chunk scorer runs separately: the
// per-frame visual frontend (3-D stem + ResNet-18: the heavy part, shared across chunkings) and the whole-chunk
// head (V-TCN, audio encoder, attention, lossAV). Both are pruned copies of the one graph.
import { onnx, type OnnxTypes } from "../../onnx-builder/onnx-proto";
import { TALKNET_VIDEO_PADDED, TALKNET_VISUAL_FRONTEND } from "./add-talknet-visual-frontend";
import { TALKNET_OUTPUT_NAMES } from "./build-talknet-graph";

export interface SplitTalknetModelOptions {
  /** Serialized model from buildTalknetGraph (or its saved file's bytes). */
  model: Uint8Array;
}

export interface TalknetModelParts {
  /**
   * video_padded [B,T+4,112,112] → visual_frontend512 [B,T,512]: normalised frames with the Conv3d's temporal
   * padding already in place (zeros), so a caller may put real neighbouring frames there instead.
   */
  frontend: Uint8Array;
  /** audio [B,4T,13] + visual_frontend512 [B,T,512] → logits, features and the other main outputs. */
  head: Uint8Array;
}

const FLOAT = 1;

/** Splits the model by value names; throws when it was not built by buildTalknetGraph. */
export function splitTalknetModel(options: SplitTalknetModelOptions): TalknetModelParts {
  const model = onnx.ModelProto.decode(options.model);
  const graph = model.graph;
  if (!graph) throw new Error("TalkNet model has no graph");
  const produced = new Set((graph.node ?? []).flatMap((node) => node.output ?? []));
  for (const name of [TALKNET_VIDEO_PADDED, TALKNET_VISUAL_FRONTEND]) {
    if (!produced.has(name)) throw new Error(`not a speakerframe TalkNet model (no "${name}"); add it again`);
  }
  const audio = (graph.input ?? []).find((i) => i.name === "audio");
  if (!audio) throw new Error('TalkNet model has no input "audio"');
  const frames = floatValue(TALKNET_VISUAL_FRONTEND, ["B", "T", 512]);
  const mainOutputs = (graph.output ?? []).filter((o) =>
    (TALKNET_OUTPUT_NAMES as readonly string[]).includes(o.name ?? ""),
  );
  return {
    frontend: encode(prune(model, [floatValue(TALKNET_VIDEO_PADDED, ["B", "T4", 112, 112])], [frames])),
    head: encode(prune(model, [audio, frames], mainOutputs)),
  };
}

/** A copy of the model computing `outputs` from `inputs` only: nodes and weights nothing needs are dropped. */
function prune(
  model: OnnxTypes.ModelProto,
  inputs: OnnxTypes.IValueInfoProto[],
  outputs: OnnxTypes.IValueInfoProto[],
): OnnxTypes.ModelProto {
  const graph = model.graph!;
  const inputNames = new Set(inputs.map((i) => i.name!));
  const needed = new Set(outputs.map((o) => o.name!));
  const kept: OnnxTypes.INodeProto[] = [];
  // Nodes are stored in topological order, so one backward sweep finds every ancestor of the outputs.
  const nodes = graph.node ?? [];
  for (let i = nodes.length - 1; i >= 0; i--) {
    const node = nodes[i]!;
    if (!(node.output ?? []).some((name) => needed.has(name) && !inputNames.has(name))) continue;
    kept.push(node);
    for (const name of node.input ?? []) if (name) needed.add(name);
  }
  kept.reverse();
  const initializers = (graph.initializer ?? []).filter((t) => needed.has(t.name!));
  const known = new Set([...initializers.map((t) => t.name!), ...inputNames]);
  for (const node of kept) for (const name of node.output ?? []) known.add(name);
  const unresolved = [...needed].filter((name) => !known.has(name));
  if (unresolved.length > 0)
    throw new Error(`internal: TalkNet split leaves ${unresolved.join(", ")} undefined`);
  return onnx.ModelProto.create({
    ...model,
    graph: onnx.GraphProto.create({
      ...graph,
      node: kept,
      initializer: initializers,
      input: inputs.filter((i) => needed.has(i.name!)),
      output: outputs,
      valueInfo: [],
    }),
  });
}

function encode(model: OnnxTypes.ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

function floatValue(name: string, dims: Array<string | number>): OnnxTypes.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: FLOAT,
        shape: { dim: dims.map((d) => (typeof d === "number" ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}
