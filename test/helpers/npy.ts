// Minimal .npy (format 1.0, C order) reader for the golden fixtures.
import { readFileSync } from "node:fs";

export interface NpyArray {
  shape: number[];
  data: Float32Array | Uint8Array;
}

export function readNpy(path: string): NpyArray {
  const buffer = readFileSync(path);
  if (buffer.toString("latin1", 1, 6) !== "NUMPY") throw new Error(`${path} is not a .npy file`);
  const headerLength = buffer.readUInt16LE(8);
  const header = buffer.toString("latin1", 10, 10 + headerLength);
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1] ?? "";
  if (/'fortran_order':\s*True/.test(header)) throw new Error(`${path}: fortran order not supported`);
  const shape = shapeText
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const offset = 10 + headerLength;
  const count = shape.reduce((a, b) => a * b, 1);
  const bytes = buffer.subarray(offset, offset + count * (descr === "|u1" ? 1 : 4));
  const copy = new Uint8Array(bytes); // aligned copy
  if (descr === "<f4") return { shape, data: new Float32Array(copy.buffer, 0, count) };
  if (descr === "|u1") return { shape, data: copy };
  throw new Error(`${path}: dtype ${descr} not supported`);
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
