// Face descriptors through the one onnxruntime module: aligned 150×150 RGB crops in, unit-length 128-d
// embeddings out (face-api's raw descriptor divided by its length).
import { createSession, type DeviceRequest } from "../onnx-runtime/create-session";
import { FACE_EMBEDDING_DIMS, FACE_EMBEDDING_INPUT_PX } from "./build-face-embedding-graph";
import { loadFaceEmbeddingModel } from "./load-face-embedding-model";

export interface FaceEmbedder {
  /** Raw descriptors (face-api's output), one Float32Array of 128 per crop. */
  describe(crops: readonly Uint8Array[]): Promise<Float32Array[]>;
  release(): Promise<void>;
}

export interface CreateFaceEmbedderOptions {
  cacheDir?: string;
  /** Serialized model instead of the cache's (tests). */
  model?: Uint8Array;
  device?: DeviceRequest;
  threads?: number;
}

const CROP_VALUES = FACE_EMBEDDING_INPUT_PX * FACE_EMBEDDING_INPUT_PX * 3;
/** Crops per inference call. */
const BATCH = 8;

export async function createFaceEmbedder(options: CreateFaceEmbedderOptions = {}): Promise<FaceEmbedder> {
  const model = options.model ?? (await loadFaceEmbeddingModel(options.cacheDir));
  const session = await createSession({ model, device: options.device, threads: options.threads ?? 1 });
  return {
    async describe(crops) {
      const out: Float32Array[] = [];
      for (let start = 0; start < crops.length; start += BATCH) {
        const batch = crops.slice(start, start + BATCH);
        const data = new Float32Array(batch.length * CROP_VALUES);
        batch.forEach((crop, i) => {
          if (crop.length !== CROP_VALUES)
            throw new Error(`face crop has ${crop.length} values, expected ${CROP_VALUES}`);
          for (let k = 0; k < CROP_VALUES; k++) data[i * CROP_VALUES + k] = crop[k]!;
        });
        const result = await session.run({
          image: { data, dims: [batch.length, FACE_EMBEDDING_INPUT_PX, FACE_EMBEDDING_INPUT_PX, 3] },
        });
        const descriptor = result.descriptor!.data;
        for (let i = 0; i < batch.length; i++)
          out.push(descriptor.slice(i * FACE_EMBEDDING_DIMS, (i + 1) * FACE_EMBEDDING_DIMS));
      }
      return out;
    },
    release: () => session.release(),
  };
}

/** `v` scaled to unit length (zeros stay zeros). */
export function normalizeEmbedding(v: Float32Array | readonly number[]): Float32Array {
  let sum = 0;
  for (const x of v) sum += x * x;
  const norm = Math.sqrt(sum);
  return Float32Array.from(v, (x) => (norm > 0 ? x / norm : 0));
}
