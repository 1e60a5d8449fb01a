// Parses a RIFF/WAVE file or stream holding 16-bit PCM (any chunk layout, not only the canonical 44-byte header;
// ffmpeg's piped WAV with unknown sizes too). Pure: the caller reads the bytes.

export interface DecodedWavPcm16 {
  sampleRate: number;
  channelCount: number;
  /** Interleaved when channelCount > 1; int16 scale. */
  samples: Int16Array;
}

/** WAVE samples are little-endian: on such a host they are copied as bytes. */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function decodeWavPcm16(bytes: Uint8Array): DecodedWavPcm16 {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (offset: number): string => String.fromCharCode(...bytes.subarray(offset, offset + 4));
  if (bytes.length < 12 || tag(0) !== "RIFF" || tag(8) !== "WAVE") throw new Error("not a RIFF/WAVE file");

  let format:
    | { audioFormat: number; channelCount: number; sampleRate: number; bitsPerSample: number }
    | undefined;
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = tag(offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === "fmt ") {
      format = {
        audioFormat: view.getUint16(body, true),
        channelCount: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        bitsPerSample: view.getUint16(body + 14, true),
      };
    } else if (id === "data") {
      if (!format) throw new Error("WAVE data chunk before fmt chunk");
      // 0xfffe = WAVE_FORMAT_EXTENSIBLE, which ffmpeg writes for some layouts; still plain PCM at 16 bits.
      if ((format.audioFormat !== 1 && format.audioFormat !== 0xfffe) || format.bitsPerSample !== 16) {
        throw new Error(
          `only 16-bit PCM WAVE is supported (format ${format.audioFormat}, ${format.bitsPerSample} bit)`,
        );
      }
      // ffmpeg writes size 0xffffffff when streaming to a pipe: take what is there.
      const byteCount = Math.min(size, bytes.length - body) & ~1;
      const samples = new Int16Array(byteCount / 2);
      if (LITTLE_ENDIAN) new Uint8Array(samples.buffer).set(bytes.subarray(body, body + byteCount));
      else for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(body + 2 * i, true);
      return { sampleRate: format.sampleRate, channelCount: format.channelCount, samples };
    }
    offset = body + size + (size & 1); // chunks are word-aligned
  }
  throw new Error("WAVE file has no data chunk");
}
