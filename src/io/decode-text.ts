// Bytes of a text file -> its text, by its byte-order mark: UTF-8 (with or without a BOM), UTF-16LE or UTF-16BE.
// UTF-16 without a BOM is recognised by its zero bytes (ASCII characters in every other byte); anything else that
// is not valid UTF-8, or holds NUL characters, is not text. Pure: `TextDecoder` only (Node and browsers).
import { UserFacingError } from "../errors";

export type TextEncodingName = "utf-8" | "utf-16le" | "utf-16be";

/** `<name> is not UTF-8 or UTF-16 text`: the one line for a file that is not text in those encodings. */
export class NotTextError extends UserFacingError {
  override name = "NotTextError";
  constructor(name: string) {
    super(`${name} is not UTF-8 or UTF-16 text`);
  }
}

function swapBytes(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length);
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!;
    swapped[i + 1] = bytes[i]!;
  }
  return swapped;
}

/** UTF-16 without a BOM: most odd (LE) or even (BE) bytes of the first 4 KB are zero, and hardly any others. */
function sniffUtf16(bytes: Uint8Array): TextEncodingName | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > 0.4 * pairs && evenZeros < 0.05 * pairs) return "utf-16le";
  if (evenZeros > 0.4 * pairs && oddZeros < 0.05 * pairs) return "utf-16be";
  return null;
}

export function detectTextEncoding(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: "utf-8", bomLength: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", bomLength: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", bomLength: 2 };
  return { encoding: sniffUtf16(bytes) ?? "utf-8", bomLength: 0 };
}

/** The text of a file's bytes (without its BOM); `name` goes into the error when they are not text. */
export function decodeText(bytes: Uint8Array, name: string): string {
  const { encoding, bomLength } = detectTextEncoding(bytes);
  let body = bytes.subarray(bomLength);
  if (encoding !== "utf-8" && body.length % 2 === 1) throw new NotTextError(name);
  if (encoding === "utf-16be") body = swapBytes(body);
  let text: string;
  try {
    text = new TextDecoder(encoding === "utf-8" ? "utf-8" : "utf-16le", {
      fatal: true,
      ignoreBOM: true,
    }).decode(body);
  } catch {
    throw new NotTextError(name);
  }
  if (text.includes("\0")) throw new NotTextError(name);
  return text;
}
