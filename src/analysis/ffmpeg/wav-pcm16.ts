// Extracts the 16-bit PCM samples of a WAV byte stream. Streamed WAVs carry unknown (0xffffffff) sizes, so the
// data chunk is taken to run to the end of the bytes.
export function wavPcm16(bytes: Uint8Array): Int16Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number) => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a WAV stream");
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    if (id === "data") {
      const start = offset + 8;
      const end = size === 0xffffffff || start + size > bytes.length ? bytes.length : start + size;
      const length = (end - start) & ~1;
      const copy = new Uint8Array(length);
      copy.set(bytes.subarray(start, start + length));
      return new Int16Array(copy.buffer);
    }
    offset += 8 + size + (size & 1);
  }
  throw new Error("WAV stream has no data chunk");
}
