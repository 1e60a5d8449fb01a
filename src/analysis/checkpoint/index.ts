export { CheckpointError } from "./checkpoint-error";
export { getFloatTensor, type GetFloatTensorOptions } from "./get-float-tensor";
export {
  readCheckpoint,
  type Checkpoint,
  type CheckpointTensor,
  type Float32CheckpointTensor,
  type Int64CheckpointTensor,
  type ReadCheckpointOptions,
} from "./read-checkpoint";
