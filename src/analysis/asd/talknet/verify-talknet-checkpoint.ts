// Decides whether a state_dict is TalkNet's and, when it is not, says in one line what it looks like instead.
import type { Checkpoint, CheckpointTensor } from "../../checkpoint";
import { TalknetCheckpointError } from "./talknet-checkpoint-error";
import { talknetTensorLayout, type TalknetTensorSpec } from "./talknet-tensor-layout";

export interface VerifyTalknetCheckpointOptions {
  checkpoint: Checkpoint;
}

/** The float32 tensors the inference graph reads, by their canonical TalkNet names. */
export interface TalknetWeights {
  /** Throws if `name` is not an inference tensor of the layout (a bug, not a user error). */
  tensor(name: string): Float32Array;
  /** Keys in the file that TalkNet does not have (tolerated, like `talkNet.loadParameters` does). */
  unexpectedKeys: string[];
  /** Non-inference keys (training heads, BN counters) absent from the file (tolerated). */
  missingOptionalKeys: string[];
}

/** Other checkpoints a user may hand us by mistake, recognised by a key only they have. */
const KNOWN_FAMILIES: ReadonlyArray<{ label: string; marker: string }> = [
  { label: "an LR-ASD", marker: "model.detector.gru_forward.weight_ih_l0" },
  { label: "a Light-ASD", marker: "model.GRU.gru_forward.weight_ih_l0" },
];

/**
 * Checks every tensor the TalkNet graph needs (name, dtype, shape) and returns them. Missing training-only
 * entries and extra keys are tolerated; anything else throws TalknetCheckpointError with a one-line message.
 */
export function verifyTalknetCheckpoint(options: VerifyTalknetCheckpointOptions): TalknetWeights {
  const { checkpoint } = options;
  const layout = talknetTensorLayout();
  const byName = canonicalNames(checkpoint);
  const required = layout.filter((spec) => spec.role === "inference");
  const missing = required.filter((spec) => !byName.has(spec.name));
  const what = `${checkpoint.path} (${checkpoint.tensors.length} tensors, ${prefixSummary(checkpoint)})`;

  // No backbone tensor at all (a shared head like lossAV.FC may still match): say what the file is instead.
  if (required.every((spec) => !spec.name.startsWith("model.") || !byName.has(spec.name))) {
    const family = KNOWN_FAMILIES.find((f) => checkpoint.byName.has(f.marker));
    if (family) {
      throw new TalknetCheckpointError(
        `${checkpoint.path} is ${family.label} checkpoint (${checkpoint.tensors.length} tensors, ` +
          `${prefixSummary(checkpoint)}), not TalkNet`,
      );
    }
    throw new TalknetCheckpointError(
      `${what} is not a TalkNet checkpoint: none of its tensors has a TalkNet name`,
    );
  }
  if (missing.length > 0) {
    throw new TalknetCheckpointError(
      `${what} is not a complete TalkNet checkpoint: ${missing.length} of ${required.length} needed tensors ` +
        `are missing, e.g. ${missing[0]!.name}`,
    );
  }
  for (const spec of required) {
    const tensor = byName.get(spec.name)!;
    if (tensor.dtype !== spec.dtype || !sameShape(tensor.shape, spec.shape)) {
      throw new TalknetCheckpointError(
        `${what} is not a TalkNet checkpoint of the expected size: ${spec.name} is ${tensor.dtype} ` +
          `[${tensor.shape.join(",")}], expected ${spec.dtype} [${spec.shape.join(",")}]`,
      );
    }
  }

  const known = new Set(layout.map((spec) => spec.name));
  const inference = new Map<string, Float32Array>(
    required.map((spec) => [spec.name, byName.get(spec.name)!.data as Float32Array]),
  );
  return {
    tensor(name) {
      const data = inference.get(name);
      if (!data) throw new Error(`internal: ${name} is not a TalkNet inference tensor`);
      return data;
    },
    unexpectedKeys: [...byName.keys()].filter((name) => !known.has(name)),
    missingOptionalKeys: layout
      .filter((spec: TalknetTensorSpec) => spec.role === "unused" && !byName.has(spec.name))
      .map((spec) => spec.name),
  };
}

/** Like `talkNet.loadParameters`: a name not found as is gets its `module.` prefix (DataParallel) removed. */
function canonicalNames(checkpoint: Checkpoint): Map<string, CheckpointTensor> {
  const names = new Map<string, CheckpointTensor>();
  for (const tensor of checkpoint.tensors) names.set(tensor.name, tensor);
  for (const tensor of checkpoint.tensors) {
    if (tensor.name.startsWith("module.")) {
      const stripped = tensor.name.slice("module.".length);
      if (!names.has(stripped)) names.set(stripped, tensor);
      names.delete(tensor.name);
    }
  }
  return names;
}

/** "model.visualEncoder.*, model.audioEncoder.*, …": the distinct two-level prefixes, in file order. */
function prefixSummary(checkpoint: Checkpoint, limit = 6): string {
  const prefixes: string[] = [];
  for (const tensor of checkpoint.tensors) {
    const prefix = tensor.name.split(".").slice(0, 2).join(".");
    if (!prefixes.includes(prefix)) prefixes.push(prefix);
  }
  const shown = prefixes.slice(0, limit).map((p) => `${p}.*`);
  if (prefixes.length > limit) shown.push(`${prefixes.length - limit} more prefixes`);
  return shown.join(", ") || "empty";
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((size, i) => size === b[i]);
}
