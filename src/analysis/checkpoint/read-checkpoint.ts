import { CheckpointError } from "./checkpoint-error";
import { openZip, ZipEntryTooLargeError, type ZipArchive } from "./read-zip-entries";
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
 * Limits that keep a hostile file from exhausting memory. The largest tensor of the supported models has 2.4 M
 * elements and the largest model (TalkNet) 15.8 M in all; a pickle is under 100 KB.
 */
export const CHECKPOINT_LIMITS = {
  /** Elements of one tensor (shape product), and of all tensors together. */
  maxTensorElements: 64 * 1024 * 1024,
  maxTotalElements: 64 * 1024 * 1024,
  /** Inflated bytes of data.pkl, and of every entry read together (data.pkl and storages). */
  maxPickleBytes: 16 * 1024 * 1024,
  maxTotalBytes: 256 * 1024 * 1024,
} as const;

const ELEMENT_BYTES: Record<StorageDtype, number> = { float32: 4, int64: 8 };

/**
 * Reads a PyTorch zip checkpoint (`torch.save` of a state_dict) without executing any of its pickle.
 * Only the entries the pickle references are inflated, each up to the size its storage declares; every
 * tensor's shape and strides are checked against its storage and CHECKPOINT_LIMITS before anything is allocated.
 * Throws CheckpointError with a one-line message naming the file when it is not such a checkpoint.
 */
export async function readCheckpoint(options: ReadCheckpointOptions): Promise<Checkpoint> {
  const { path } = options;
  const unreadable = (error: unknown) => {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    return new CheckpointError(`${path}: not a readable PyTorch zip checkpoint (${reason})`);
  };
  let zip: ZipArchive;
  try {
    zip = await openZip(path);
  } catch (error) {
    throw unreadable(error);
  }
  try {
    return await readOpenCheckpoint(path, zip, unreadable);
  } finally {
    zip.close();
  }
}

async function readOpenCheckpoint(
  path: string,
  zip: ZipArchive,
  unreadable: (error: unknown) => CheckpointError,
): Promise<Checkpoint> {
  const limits = CHECKPOINT_LIMITS;
  let bytesRead = 0;
  const read = async (name: string, maxBytes: number, what: string): Promise<Buffer> => {
    const allowed = Math.min(maxBytes, limits.maxTotalBytes - bytesRead);
    let data: Buffer;
    try {
      data = await zip.read(name, allowed);
    } catch (error) {
      if (error instanceof ZipEntryTooLargeError) {
        throw new CheckpointError(
          allowed < maxBytes
            ? `${path}: entry ${name} would take the entries read past ${limits.maxTotalBytes} bytes in all`
            : `${path}: entry ${name} inflates to more than the ${maxBytes} bytes ${what}`,
        );
      }
      throw unreadable(error);
    }
    bytesRead += data.byteLength;
    return data;
  };

  const pickleNames = zip.names.filter((name) => /^[^/]+\/data\.pkl$/.test(name));
  if (pickleNames.length !== 1) {
    throw new CheckpointError(`${path}: not a PyTorch zip checkpoint (no <root>/data.pkl entry)`);
  }
  const pickleName = pickleNames[0]!;
  const root = pickleName.slice(0, -"/data.pkl".length);
  if (zip.names.includes(`${root}/byteorder`)) {
    const byteOrder = (await read(`${root}/byteorder`, 16, "a byte order takes")).toString("latin1").trim();
    if (byteOrder !== "little")
      throw new CheckpointError(`${path}: big-endian checkpoints are not supported`);
  }

  const pickle = await read(pickleName, limits.maxPickleBytes, "a state_dict pickle may take");
  const unpickled = unpickleStateDict({ data: pickle, fileName: path });
  // Shapes, strides and sizes first: nothing below allocates more than these checks allow.
  let totalElements = 0;
  for (const { name, tensor } of unpickled.tensors) {
    totalElements += checkTensorShape(tensor, path, name);
    if (totalElements > limits.maxTotalElements) {
      throw new CheckpointError(
        `${path}: the tensors have more than ${limits.maxTotalElements} elements in all (at "${name}"); a speakerframe model has far fewer`,
      );
    }
  }
  const storages = new Map<string, Float32Array | BigInt64Array>();
  const tensors: CheckpointTensor[] = [];
  const byName = new Map<string, CheckpointTensor>();
  for (const { name, tensor } of unpickled.tensors) {
    const { key, dtype, numel } = tensor.storage;
    let storage = storages.get(key);
    if (!storage) {
      const entry = `${root}/data/${key}`;
      if (!zip.names.includes(entry))
        throw new CheckpointError(`${path}: storage ${key} of "${name}" is missing`);
      const bytesNeeded = numel * ELEMENT_BYTES[dtype];
      const raw = await read(entry, bytesNeeded, `its ${numel}-element ${dtype} storage holds`);
      storage = typedStorage(raw, dtype, numel, path, name);
      storages.set(key, storage);
    } else if (storage.length !== numel || storage instanceof Float32Array !== (dtype === "float32")) {
      throw new CheckpointError(`${path}: storage ${key} of "${name}" is declared twice, differently`);
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

/**
 * A tensor's view must fit its storage (offset + 1 + Σ (size_i - 1) × stride_i ≤ numel) and stay within
 * CHECKPOINT_LIMITS: a stride-0 view of a one-element storage could otherwise ask for any size. Returns its
 * element count.
 */
function checkTensorShape(tensor: TensorRef, path: string, name: string): number {
  const { shape, strides, storageOffset, storage } = tensor;
  const limit = CHECKPOINT_LIMITS.maxTensorElements;
  let count = 1;
  for (const size of shape) {
    count *= size;
    if (count > limit) {
      throw new CheckpointError(
        `${path}: "${name}" has shape [${shape.join(",")}], more than the ${limit} elements a checkpoint tensor may have`,
      );
    }
  }
  if (count === 0) return 0;
  let reach = storageOffset + 1;
  for (let d = 0; d < shape.length; d++) reach += (shape[d]! - 1) * strides[d]!;
  if (reach > storage.numel) {
    throw new CheckpointError(
      `${path}: "${name}" (shape [${shape.join(",")}], strides [${strides.join(",")}], offset ${storageOffset}) reaches element ${reach - 1} of a ${storage.numel}-element storage`,
    );
  }
  return count;
}

function typedStorage(
  raw: Buffer,
  dtype: StorageDtype,
  numel: number,
  path: string,
  name: string,
): Float32Array | BigInt64Array {
  const bytesNeeded = numel * ELEMENT_BYTES[dtype];
  if (raw.byteLength < bytesNeeded) {
    throw new CheckpointError(
      `${path}: storage of "${name}" has ${raw.byteLength} bytes, expected ${bytesNeeded}`,
    );
  }
  // A typed array needs an aligned start: view the inflated bytes when they have one, else copy them.
  let bytes: Uint8Array = raw;
  if (raw.byteOffset % ELEMENT_BYTES[dtype] !== 0) {
    bytes = new Uint8Array(bytesNeeded);
    bytes.set(raw.subarray(0, bytesNeeded));
  }
  return dtype === "float32"
    ? new Float32Array(bytes.buffer, bytes.byteOffset, numel)
    : new BigInt64Array(bytes.buffer, bytes.byteOffset, numel);
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
