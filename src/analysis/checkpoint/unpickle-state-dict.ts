// A deliberately tiny pickle reader: it understands the opcodes and the four globals that a PyTorch state_dict
// uses and nothing else. It never calls anything; "calls" to the allowed globals build plain data.
import { CheckpointError } from "./checkpoint-error";

export type StorageDtype = "float32" | "int64";

export interface StorageRef {
  kind: "storage";
  dtype: StorageDtype;
  /** Entry name under `<root>/data/`. */
  key: string;
  location: string;
  numel: number;
}

export interface TensorRef {
  kind: "tensor";
  storage: StorageRef;
  storageOffset: number;
  shape: number[];
  strides: number[];
}

export interface UnpickledStateDict {
  /** Entries in file order. */
  tensors: Array<{ name: string; tensor: TensorRef }>;
  /** The `_metadata` attribute set by `nn.Module.state_dict()`, as plain JS values (undefined when absent). */
  metadata: unknown;
}

export interface UnpickleStateDictOptions {
  data: Uint8Array;
  /** Used in error messages. */
  fileName: string;
}

class GlobalRef {
  constructor(readonly qualifiedName: string) {}
}
class PickleTuple {
  constructor(readonly items: PickleValue[]) {}
}
class PickleDict {
  readonly entries = new Map<string | number, PickleValue>();
  readonly attributes = new Map<string, PickleValue>();
}
class Mark {}

type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PickleValue[]
  | PickleTuple
  | PickleDict
  | GlobalRef
  | StorageRef
  | TensorRef;

type StackItem = PickleValue | Mark;

const ORDERED_DICT = "collections.OrderedDict";
const REBUILD_TENSOR = "torch._utils._rebuild_tensor_v2";
const STORAGE_DTYPES: Record<string, StorageDtype> = {
  "torch.FloatStorage": "float32",
  "torch.LongStorage": "int64",
};
const ALLOWED_GLOBALS = new Set([ORDERED_DICT, REBUILD_TENSOR, ...Object.keys(STORAGE_DTYPES)]);
/**
 * Bounds on what a pickle may build (a TalkNet state_dict uses a few thousand stack items and memo entries and
 * nests its `_metadata` three deep), so a hostile one fails with a message instead of exhausting memory or the
 * call stack.
 */
export const PICKLE_LIMITS = {
  maxStackItems: 1_000_000,
  maxMemoEntries: 1_000_000,
  maxNesting: 100,
} as const;

/** Decodes `data.pkl` of a PyTorch zip checkpoint into tensor references; refuses any other pickle content. */
export function unpickleStateDict(options: UnpickleStateDictOptions): UnpickledStateDict {
  const root = runPickle(options.data, options.fileName);
  const fail = (why: string): never => {
    throw new CheckpointError(`${options.fileName}: ${why}`);
  };
  if (!(root instanceof PickleDict)) return fail("data.pkl does not hold a state_dict (dict of tensors)");
  const tensors: UnpickledStateDict["tensors"] = [];
  for (const [name, value] of root.entries) {
    if (typeof name !== "string") return fail(`state_dict key ${String(name)} is not a string`);
    if (!isTensorRef(value)) return fail(`state_dict entry "${name}" is not a tensor`);
    tensors.push({ name, tensor: value });
  }
  const metadata = root.attributes.get("_metadata");
  return { tensors, metadata: metadata === undefined ? undefined : toPlain(metadata, fail) };
}

function isTensorRef(value: unknown): value is TensorRef {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "tensor";
}

/** Plain JS values of the `_metadata` tree; too deep a tree (or one that contains itself) is refused. */
function toPlain(value: PickleValue, fail: (why: string) => never, depth = 0): unknown {
  if (depth > PICKLE_LIMITS.maxNesting) {
    return fail(
      `data.pkl: _metadata nests deeper than ${PICKLE_LIMITS.maxNesting} levels (or contains itself)`,
    );
  }
  const inner = (item: PickleValue) => toPlain(item, fail, depth + 1);
  if (value instanceof PickleDict) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value.entries) out[String(k)] = inner(v);
    return out;
  }
  if (value instanceof PickleTuple) return value.items.map(inner);
  if (Array.isArray(value)) return value.map(inner);
  if (value instanceof GlobalRef) return value.qualifiedName;
  return value;
}

function runPickle(data: Uint8Array, fileName: string): PickleValue {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const text = new TextDecoder("utf-8", { fatal: true });
  const latin1 = new TextDecoder("latin1");
  const stack: StackItem[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const fail = (why: string): never => {
    throw new CheckpointError(`${fileName}: ${why}`);
  };
  const need = (n: number) => {
    if (pos + n > data.length) fail("data.pkl is truncated (unexpected end of pickle data)");
  };
  const u8 = () => {
    need(1);
    return data[pos++]!;
  };
  const u16 = () => {
    need(2);
    pos += 2;
    return view.getUint16(pos - 2, true);
  };
  const u32 = () => {
    need(4);
    pos += 4;
    return view.getUint32(pos - 4, true);
  };
  const i32 = () => {
    need(4);
    pos += 4;
    return view.getInt32(pos - 4, true);
  };
  const u64 = () => {
    need(8);
    pos += 8;
    const big = view.getBigUint64(pos - 8, true);
    if (big > BigInt(Number.MAX_SAFE_INTEGER)) fail("pickle length out of range");
    return Number(big);
  };
  const bytes = (n: number) => {
    need(n);
    pos += n;
    return data.subarray(pos - n, pos);
  };
  const line = () => {
    const end = data.indexOf(0x0a, pos);
    if (end < 0) fail("data.pkl is truncated (unterminated GLOBAL)");
    const s = latin1.decode(data.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const pop = (): PickleValue => {
    const v = stack.pop();
    if (v === undefined) return fail("pickle stack underflow");
    if (v instanceof Mark) return fail("unexpected MARK on the pickle stack");
    return v;
  };
  const top = (): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v instanceof Mark) return fail("pickle stack underflow");
    return v;
  };
  const popMark = (): PickleValue[] => {
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i] instanceof Mark) {
        const items = stack.splice(i + 1) as PickleValue[];
        stack.pop();
        return items;
      }
    }
    return fail("pickle MARK not found");
  };
  const global = (module: string, name: string): GlobalRef => {
    const qualified = `${module}.${name}`;
    if (!ALLOWED_GLOBALS.has(qualified)) {
      fail(
        `refusing pickle global "${qualified}" (a state_dict only needs OrderedDict, tensors and storages)`,
      );
    }
    return new GlobalRef(qualified);
  };
  const signedLong = (raw: Uint8Array): number | bigint => {
    let value = 0n;
    for (let i = raw.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(raw[i]!);
    if (raw.length > 0 && raw[raw.length - 1]! & 0x80) value -= 1n << BigInt(raw.length * 8);
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  };
  const setItems = (target: PickleValue, items: PickleValue[]) => {
    if (!(target instanceof PickleDict)) fail("SETITEM(S) on something that is not a dict");
    const dict = target as PickleDict;
    for (let i = 0; i + 1 < items.length; i += 2) {
      const key = items[i]!;
      if (typeof key !== "string" && typeof key !== "number") fail("dict key is not a string or an int");
      dict.entries.set(key as string | number, items[i + 1]!);
    }
  };

  const remember = (index: number) => {
    if (memo.size >= PICKLE_LIMITS.maxMemoEntries && !memo.has(index))
      fail(`data.pkl memoizes more than ${PICKLE_LIMITS.maxMemoEntries} values`);
    memo.set(index, top());
  };

  for (;;) {
    if (stack.length > PICKLE_LIMITS.maxStackItems)
      fail(`data.pkl puts more than ${PICKLE_LIMITS.maxStackItems} items on the pickle stack`);
    const opAt = pos;
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail("unsupported pickle protocol");
        break;
      case 0x95: // FRAME (protocol 4): the length is only a hint
        u64();
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        stack.push(new Mark());
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new PickleDict());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PickleTuple([]));
        break;
      case 0x74: // TUPLE
        stack.push(new PickleTuple(popMark()));
        break;
      case 0x85: // TUPLE1
        stack.push(new PickleTuple([pop()]));
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push(new PickleTuple([pop(), b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push(new PickleTuple([pop(), b, c]));
        break;
      }
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x64: {
        // DICT
        const dict = new PickleDict();
        setItems(dict, popMark());
        stack.push(dict);
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        stack.push(i32());
        break;
      case 0x8a: // LONG1
        stack.push(signedLong(bytes(u8())));
        break;
      case 0x8b: // LONG4
        stack.push(signedLong(bytes(u32())));
        break;
      case 0x47: // BINFLOAT (big-endian double)
        need(8);
        pos += 8;
        stack.push(view.getFloat64(pos - 8, false));
        break;
      case 0x58: // BINUNICODE
        stack.push(decodeText(text, bytes(u32()), fail));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(decodeText(text, bytes(u8()), fail));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(decodeText(text, bytes(u64()), fail));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(latin1.decode(bytes(u8())));
        break;
      case 0x54: // BINSTRING
        stack.push(latin1.decode(bytes(u32())));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(bytes(u8()).slice());
        break;
      case 0x42: // BINBYTES
        stack.push(bytes(u32()).slice());
        break;
      case 0x71: // BINPUT
        remember(u8());
        break;
      case 0x72: // LONG_BINPUT
        remember(u32());
        break;
      case 0x94: // MEMOIZE
        remember(memo.size);
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const index = op === 0x68 ? u8() : u32();
        const value = memo.get(index);
        if (value === undefined) fail(`pickle memo ${index} is missing`);
        stack.push(value as PickleValue);
        break;
      }
      case 0x30: // POP
        stack.pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x63: {
        // GLOBAL "module\nname\n"
        const module = line();
        stack.push(global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") fail("STACK_GLOBAL needs two strings");
        stack.push(global(module as string, name as string));
        break;
      }
      case 0x51: // BINPERSID
        stack.push(persistentLoad(pop(), fail));
        break;
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        stack.push(reduce(callable, args, fail));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const target = top();
        if (!(target instanceof PickleDict) || !(state instanceof PickleDict)) {
          fail("BUILD is only supported for setting attributes of an OrderedDict");
        }
        for (const [k, v] of (state as PickleDict).entries)
          (target as PickleDict).attributes.set(String(k), v);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItems(top(), [key, value]);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        setItems(top(), items);
        break;
      }
      case 0x61: {
        // APPEND
        const value = pop();
        const list = top();
        if (!Array.isArray(list)) fail("APPEND to something that is not a list");
        (list as PickleValue[]).push(value);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = top();
        if (!Array.isArray(list)) fail("APPENDS to something that is not a list");
        for (const item of items) (list as PickleValue[]).push(item);
        break;
      }
      default:
        fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, "0")} at byte ${opAt}`);
    }
  }
}

function decodeText(decoder: TextDecoder, raw: Uint8Array, fail: (why: string) => never): string {
  try {
    return decoder.decode(raw);
  } catch {
    return fail("invalid UTF-8 string in pickle");
  }
}

/** torch.save writes each storage as the persistent id ('storage', StorageClass, key, location, numel). */
function persistentLoad(pid: PickleValue, fail: (why: string) => never): StorageRef {
  if (!(pid instanceof PickleTuple) || pid.items[0] !== "storage" || pid.items.length !== 5) {
    return fail("unsupported persistent id (expected a torch storage)");
  }
  const [, type, key, location, numel] = pid.items;
  if (!(type instanceof GlobalRef)) return fail("storage type is not a torch storage class");
  const dtype = STORAGE_DTYPES[type.qualifiedName];
  if (!dtype) return fail(`unsupported storage type ${type.qualifiedName}`);
  if (
    typeof key !== "string" ||
    typeof location !== "string" ||
    typeof numel !== "number" ||
    !Number.isInteger(numel) ||
    numel < 0
  ) {
    return fail("malformed storage persistent id");
  }
  return { kind: "storage", dtype, key, location, numel };
}

function reduce(callable: PickleValue, args: PickleValue, fail: (why: string) => never): PickleValue {
  if (!(callable instanceof GlobalRef) || !(args instanceof PickleTuple))
    return fail("REDUCE on a non-global");
  if (callable.qualifiedName === ORDERED_DICT) {
    if (args.items.length !== 0) fail("OrderedDict with constructor arguments is not supported");
    return new PickleDict();
  }
  if (callable.qualifiedName === REBUILD_TENSOR) {
    // (storage, storage_offset, size, stride, requires_grad, backward_hooks[, metadata])
    const [storage, offset, size, stride] = args.items;
    if (!isStorageRef(storage) || typeof offset !== "number" || !Number.isInteger(offset) || offset < 0)
      return fail("malformed _rebuild_tensor_v2 arguments");
    const shape = intTuple(size, fail);
    const strides = intTuple(stride, fail);
    if (shape.length !== strides.length) fail("tensor size and stride lengths differ");
    return { kind: "tensor", storage, storageOffset: offset, shape, strides };
  }
  return fail(`refusing to call ${callable.qualifiedName}`);
}

function isStorageRef(value: unknown): value is StorageRef {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "storage";
}

function intTuple(value: PickleValue | undefined, fail: (why: string) => never): number[] {
  if (!(value instanceof PickleTuple)) return fail("expected a tuple of ints");
  return value.items.map((item) => {
    if (typeof item !== "number" || !Number.isInteger(item) || item < 0)
      return fail("expected a tuple of ints");
    return item;
  });
}
