import { CheckpointError } from "./checkpoint-error";
import { readZipEntries } from "./read-zip-entries";
import { unpickleStateDict, type StorageDtype, type TensorRef } from "./unpickle-state-dict";

interface TensorBase {
  name: string;
  /** Sizes, outermost first ([] for a scalar). */
  shape: number[];
  /** Strides (in elements) as stored in the checkpoint; `data` is always C-contiguous in `shape`. */
  strides: number[];
  /** Element offset into the shared storage, as stored in the checkpoint. */
  storageOffset: number;
}

export interface Float32CheckpointTensor extends TensorBase {
  dtype: "float32";
  data: Float32Array;
}

export interface Int64CheckpointTensor extends TensorBase {
  dtype: "int64";
  data: BigInt64Array;
}

export type CheckpointTensor = Float32CheckpointTensor | Int64CheckpointTensor;

export interface Checkpoint {
  path: string;
  /** Tensors in file order. */
  tensors: CheckpointTensor[];
  byName: ReadonlyMap<string, CheckpointTensor>;
  /** The state_dict's `_metadata` (module versions), as plain JS values. */
  metadata: unknown;
}

export interface ReadCheckpointOptions {
  path: string;
}

/**
 * Reads a PyTorch zip checkpoint (`torch.save` of a state_dict) without executing any of its pickle.
 * Throws CheckpointError with a one-line message naming the file when it is not such a checkpoint.
 */
export async function readCheckpoint(options: ReadCheckpointOptions): Promise<Checkpoint> {
  const { path } = options;
  let entries: Map<string, Buffer>;
  try {
    entries = await readZipEntries(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new CheckpointError(`${path}: not a readable PyTorch zip checkpoint (${reason})`);
  }
  const pickleNames = [...entries.keys()].filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickleNames.length !== 1) {
    throw new CheckpointError(`${path}: not a PyTorch zip checkpoint (no <root>/data.pkl entry)`);
  }
  const pickleName = pickleNames[0]!;
  const root = pickleName.slice(0, -"/data.pkl".length);
  const byteOrder = entries.get(`${root}/byteorder`)?.toString("latin1").trim();
  if (byteOrder !== undefined && byteOrder !== "little") {
    throw new CheckpointError(`${path}: big-endian checkpoints are not supported`);
  }

  const unpickled = unpickleStateDict({ data: entries.get(pickleName)!, fileName: path });
  const storages = new Map<string, Float32Array | BigInt64Array>();
  const tensors: CheckpointTensor[] = [];
  const byName = new Map<string, CheckpointTensor>();
  for (const { name, tensor } of unpickled.tensors) {
    const key = tensor.storage.key;
    let storage = storages.get(key);
    if (!storage) {
      const raw = entries.get(`${root}/data/${key}`);
      if (!raw) throw new CheckpointError(`${path}: storage ${key} of "${name}" is missing`);
      storage = typedStorage(raw, tensor.storage.dtype, tensor.storage.numel, path, name);
      storages.set(key, storage);
    }
    const data = gather(storage, tensor, path, name);
    const base = { name, shape: tensor.shape, strides: tensor.strides, storageOffset: tensor.storageOffset };
    const entry: CheckpointTensor =
      data instanceof Float32Array ? { ...base, dtype: "float32", data } : { ...base, dtype: "int64", data };
    tensors.push(entry);
    byName.set(name, entry);
  }
  return { path, tensors, byName, metadata: unpickled.metadata };
}

function typedStorage(
  raw: Buffer,
  dtype: StorageDtype,
  numel: number,
  path: string,
  name: string,
): Float32Array | BigInt64Array {
  const bytesNeeded = numel * (dtype === "float32" ? 4 : 8);
  if (raw.byteLength < bytesNeeded) {
    throw new CheckpointError(
      `${path}: storage of "${name}" has ${raw.byteLength} bytes, expected ${bytesNeeded}`,
    );
  }
  // Copy into a fresh, aligned buffer: zip entries start at arbitrary byte offsets.
  const aligned = new Uint8Array(bytesNeeded);
  aligned.set(raw.subarray(0, bytesNeeded));
  return dtype === "float32" ? new Float32Array(aligned.buffer) : new BigInt64Array(aligned.buffer);
}

/** Copies the tensor's view (offset + strides) of its storage into a C-contiguous array. */
function gather(
  storage: Float32Array | BigInt64Array,
  tensor: TensorRef,
  path: string,
  name: string,
): Float32Array | BigInt64Array {
  const { shape, strides, storageOffset } = tensor;
  const count = shape.reduce((a, b) => a * b, 1);
  let lastIndex = storageOffset;
  for (let d = 0; d < shape.length; d++) if (shape[d]! > 0) lastIndex += (shape[d]! - 1) * strides[d]!;
  if (count > 0 && lastIndex >= storage.length) {
    throw new CheckpointError(`${path}: "${name}" reaches past the end of its storage`);
  }
  const out = storage instanceof Float32Array ? new Float32Array(count) : new BigInt64Array(count);
  if (count === 0) return out;
  let contiguous = true;
  for (let d = shape.length - 1, expected = 1; d >= 0; d--) {
    if (shape[d]! !== 1 && strides[d]! !== expected) contiguous = false;
    expected *= shape[d]!;
  }
  if (contiguous) {
    (out as Float32Array).set(storage.subarray(storageOffset, storageOffset + count) as Float32Array);
    return out;
  }
  const index = new Array<number>(shape.length).fill(0);
  const target = out as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < count; i++) {
    let source = storageOffset;
    for (let d = 0; d < shape.length; d++) source += index[d]! * strides[d]!;
    target[i] = storage[source]!;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (++index[d]! < shape[d]!) break;
      index[d] = 0;
    }
  }
  return out;
}
