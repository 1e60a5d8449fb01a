import { CheckpointError } from "./checkpoint-error";
import type { Checkpoint } from "./read-checkpoint";

export interface GetFloatTensorOptions {
  checkpoint: Checkpoint;
  name: string;
  /** When given, the tensor must have exactly this shape. */
  shape?: readonly number[];
}

/** Looks up a float32 tensor by its state_dict name, with a one-line error naming the file when it is wrong. */
export function getFloatTensor(options: GetFloatTensorOptions): Float32Array {
  const { checkpoint, name, shape } = options;
  const tensor = checkpoint.byName.get(name);
  if (!tensor) throw new CheckpointError(`${checkpoint.path}: tensor "${name}" is missing`);
  if (tensor.dtype !== "float32")
    throw new CheckpointError(`${checkpoint.path}: "${name}" is ${tensor.dtype}`);
  if (shape && (shape.length !== tensor.shape.length || shape.some((size, i) => size !== tensor.shape[i]))) {
    throw new CheckpointError(
      `${checkpoint.path}: "${name}" has shape [${tensor.shape.join(",")}], expected [${shape.join(",")}]`,
    );
  }
  return tensor.data;
}
