// The face embedding model from the model cache: the TFJS weights of face-api.js's face recognition net
// (pinned in models/manifest.json), turned into an ONNX graph in memory (≈ 0.1 s; nothing extra is cached).
import { readFile } from "node:fs/promises";
import { verifiedModelPath } from "../models/model-cache";
import { manifestEntry } from "../models/model-manifest";
import { buildFaceEmbeddingGraph } from "./build-face-embedding-graph";
import { readTfjsWeights } from "./read-tfjs-weights";

export const FACE_EMBEDDING_MANIFEST_FILE = "faceapi_face_recognition_model-weights_manifest.json";
export const FACE_EMBEDDING_WEIGHTS_FILE = "faceapi_face_recognition_model.bin";
export const FACE_EMBEDDING_FILES = [FACE_EMBEDDING_MANIFEST_FILE, FACE_EMBEDDING_WEIGHTS_FILE] as const;
/** Model id in timelines (`analysis.faceEmbedding.model`). */
export const FACE_EMBEDDING_MODEL_ID = "faceapi-recognition";

/** sha256 of the weights file: identifies the embedding model in timelines and analysis cache keys. */
export function faceEmbeddingSha256(): string {
  return manifestEntry(FACE_EMBEDDING_WEIGHTS_FILE).sha256;
}

/** The serialized ONNX graph (image [B,150,150,3] RGB 0..255 → descriptor [B,128]). */
export async function loadFaceEmbeddingModel(cacheDir?: string): Promise<Uint8Array> {
  const [manifestPath, weightsPath] = await Promise.all(
    FACE_EMBEDDING_FILES.map((file) => verifiedModelPath(file, cacheDir)),
  );
  const [manifest, weights] = await Promise.all([readFile(manifestPath!, "utf8"), readFile(weightsPath!)]);
  return buildFaceEmbeddingGraph({
    weights: readTfjsWeights({ manifest, weights: new Uint8Array(weights) }),
    metadata: { "speakerframe.face_embedding.weights_sha256": faceEmbeddingSha256() },
  });
}
