// TensorFlow.js weights (a weights manifest JSON + its binary shard(s)) as plain float32 tensors. Handles the
// uint8/uint16 affine quantisation TFJS converters write (value = q * scale + min) and unquantised float32. Pure.
import { z } from "zod";

const quantizationSchema = z.object({
  dtype: z.enum(["uint8", "uint16"]),
  scale: z.number(),
  min: z.number(),
});

const tfjsManifestSchema = z.array(
  z.object({
    paths: z.array(z.string()),
    weights: z.array(
      z.object({
        name: z.string(),
        shape: z.array(z.number().int().nonnegative()),
        dtype: z.literal("float32"),
        quantization: quantizationSchema.optional(),
      }),
    ),
  }),
);

export interface TfjsTensor {
  shape: number[];
  data: Float32Array;
}

export interface ReadTfjsWeightsInput {
  /** The weights manifest JSON text. */
  manifest: string;
  /** The shard bytes, concatenated in manifest order (face-api's models have one shard). */
  weights: Uint8Array;
}

export function readTfjsWeights(input: ReadTfjsWeightsInput): Map<string, TfjsTensor> {
  const groups = tfjsManifestSchema.parse(JSON.parse(input.manifest));
  const bytes = input.weights;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Map<string, TfjsTensor>();
  let at = 0;
  for (const group of groups) {
    for (const weight of group.weights) {
      const count = weight.shape.reduce((a, b) => a * b, 1);
      const data = new Float32Array(count);
      const q = weight.quantization;
      const width = q ? (q.dtype === "uint8" ? 1 : 2) : 4;
      if (at + count * width > bytes.length)
        throw new Error(`TFJS weights end inside ${weight.name} (${bytes.length} bytes)`);
      for (let i = 0; i < count; i++) {
        const offset = at + i * width;
        if (!q) data[i] = view.getFloat32(offset, true);
        else if (q.dtype === "uint8") data[i] = bytes[offset]! * q.scale + q.min;
        else data[i] = view.getUint16(offset, true) * q.scale + q.min;
      }
      at += count * width;
      out.set(weight.name, { shape: weight.shape, data });
    }
  }
  if (at !== bytes.length) throw new Error(`TFJS weights: ${bytes.length - at} bytes left over`);
  return out;
}
