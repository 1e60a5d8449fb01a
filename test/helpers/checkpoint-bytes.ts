// Hand-made PyTorch checkpoint bytes for tests: a minimal zip writer (stored or pre-deflated entries) and the
// pickle opcodes a state_dict uses, to build well-formed and hostile checkpoints alike.
import { writeFileSync } from "node:fs";
import { createDeflateRaw, crc32 } from "node:zlib";

/** A zip entry whose data is already deflated (method 8), with the sizes the headers should claim. */
export interface DeflatedEntry {
  deflated: Buffer;
  crc32: number;
  uncompressedSize: number;
}

function isDeflated(content: Uint8Array | DeflatedEntry): content is DeflatedEntry {
  return !(content instanceof Uint8Array);
}

/** Minimal zip writer, enough to hand-craft checkpoint-shaped archives (no zip64: entries under 4 GiB). */
export function writeZip(path: string, files: Record<string, Uint8Array | DeflatedEntry>): void {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const nameBytes = Buffer.from(name, "utf8");
    const data = isDeflated(content) ? content.deflated : Buffer.from(content);
    const crc = isDeflated(content) ? content.crc32 : crc32(content);
    const size = isDeflated(content) ? content.uncompressedSize : content.length;
    const method = isDeflated(content) ? 8 : 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const centralSize = centrals.reduce((a, b) => a + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(path, Buffer.concat([...locals, ...centrals, end]));
}

/** `bytes` zero bytes, deflated a chunk at a time (1 GiB of zeros deflates to about 1 MB). */
export async function deflatedZeros(bytes: number): Promise<DeflatedEntry> {
  const chunk = Buffer.alloc(1 << 20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  for (let left = bytes; left > 0; left -= chunk.length) {
    const part = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(part, crc);
    if (!deflate.write(part)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { deflated: Buffer.concat(out), crc32: crc, uncompressedSize: bytes };
}

/** Pickle protocol-2 pieces of a state_dict. */
export const pickle = {
  op: (...bytes: number[]) => Buffer.from(bytes),
  /** BINUNICODE */
  text(value: string): Buffer {
    const raw = Buffer.from(value, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(raw.length);
    return Buffer.concat([Buffer.from("X", "latin1"), length, raw]);
  },
  global: (module: string, name: string) => Buffer.from(`c${module}\n${name}\n`, "latin1"),
  /** BININT1 below 256, else BININT. */
  int(value: number): Buffer {
    if (value >= 0 && value < 256) return Buffer.from([0x4b, value]);
    const raw = Buffer.alloc(5);
    raw[0] = 0x4a;
    raw.writeInt32LE(value, 1);
    return raw;
  },
  /** collections.OrderedDict() */
  orderedDict(): Buffer {
    return Buffer.concat([pickle.global("collections", "OrderedDict"), pickle.op(0x29, 0x52)]);
  },
  /** torch._utils._rebuild_tensor_v2 of storage `key` (`numel` elements of `type`), a view at offset/size/stride. */
  tensor(type: string, key: string, numel: number, offset: number, size: number[], stride: number[]): Buffer {
    const { op, text, global, int } = pickle;
    return Buffer.concat([
      global("torch._utils", "_rebuild_tensor_v2"),
      op(0x28), // MARK
      op(0x28),
      text("storage"),
      global("torch", type),
      text(key),
      text("cpu"),
      int(numel),
      op(0x74, 0x51), // TUPLE, BINPERSID
      int(offset),
      op(0x28),
      ...size.map(int),
      op(0x74),
      op(0x28),
      ...stride.map(int),
      op(0x74),
      op(0x89), // requires_grad False
      pickle.orderedDict(),
      op(0x74, 0x52), // TUPLE, REDUCE
    ]);
  },
  /** PROTO 2, an OrderedDict with `entries` (name → tensor pickle) set, an optional BUILD state, STOP. */
  stateDict(entries: [string, Buffer][], build?: Buffer): Buffer {
    const { op, text } = pickle;
    return Buffer.concat([
      op(0x80, 0x02),
      pickle.orderedDict(),
      ...entries.flatMap(([name, tensor]) => [text(name), tensor, op(0x73)]), // SETITEM
      ...(build ? [build, op(0x62)] : []), // BUILD
      op(0x2e), // STOP
    ]);
  },
};
