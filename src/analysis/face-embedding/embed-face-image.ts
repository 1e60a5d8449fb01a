// A face image (jpg/png) as a unit face embedding: decoded with ffmpeg, its largest face found by YuNet, aligned
// like analysis aligns track faces (alignFace) and described by the same model. For `--follow face.jpg`.
import { execa } from "execa";
import { fileInputUrl, resolveBinaries } from "../ffmpeg";
import { MediaError } from "../ffmpeg/media-error";
import { verifiedModelPath } from "../models/model-cache";
import { createFaceDetector } from "../yunet/create-face-detector";
import type { DeviceRequest } from "../onnx-runtime/create-session";
import { UserFacingError } from "../../errors";
import { cutFaceChip, faceChipGeometry } from "./align-face";
import { createFaceEmbedder, normalizeEmbedding } from "./create-face-embedder";

/** Width the image is decoded at (the analysis detector sees 480 px frames; faces in a portrait fill more). */
const IMAGE_WIDTH = 640;

export interface EmbedFaceImageOptions {
  image: string;
  modelCacheDir?: string;
  device?: DeviceRequest;
}

export async function embedFaceImage(options: EmbedFaceImageOptions): Promise<Float32Array> {
  const { ffmpeg, env } = resolveBinaries();
  let bytes: Uint8Array;
  try {
    const { stdout } = await execa(
      ffmpeg,
      [
        ...["-hide_banner", "-v", "error", "-i", fileInputUrl(options.image)],
        ...[
          "-frames:v",
          "1",
          "-vf",
          `scale=${IMAGE_WIDTH}:-2`,
          "-pix_fmt",
          "bgr24",
          "-c:v",
          "rawvideo",
          "-f",
          "image2pipe",
          "pipe:1",
        ],
      ],
      { env: { ...process.env, ...env }, encoding: "buffer", stdin: "ignore" },
    );
    bytes = new Uint8Array(stdout);
  } catch (error) {
    const raw = (error as { stderr?: unknown }).stderr;
    const stderr = (raw instanceof Uint8Array ? Buffer.from(raw).toString("utf8") : String(raw ?? ""))
      .trim()
      .split("\n")[0];
    throw new MediaError(`${options.image} cannot be read as an image (${stderr || "ffmpeg failed"})`);
  }
  const height = bytes.length / (IMAGE_WIDTH * 3);
  if (!Number.isInteger(height) || height < 32)
    throw new MediaError(`${options.image} is not a usable image`);
  const detector = await createFaceDetector({
    modelPath: await verifiedModelPath("yunet_n_dynamic.onnx", options.modelCacheDir),
    device: options.device,
  });
  let faces;
  try {
    faces = await detector.detect({ bgr: bytes, width: IMAGE_WIDTH, height, sourcePxPerInputPx: 1 });
  } finally {
    await detector.release();
  }
  const face = [...faces].sort((a, b) => b.width * b.height - a.width * a.height)[0];
  if (!face) throw new UserFacingError(`--follow ${options.image}: no face found in the image`);
  const chip = cutFaceChip(
    { data: bytes, width: IMAGE_WIDTH, height, order: "bgr" },
    faceChipGeometry(face.landmarks.flat()),
  );
  const embedder = await createFaceEmbedder({ cacheDir: options.modelCacheDir, device: options.device });
  try {
    const [descriptor] = await embedder.describe([chip]);
    return normalizeEmbedding(descriptor!);
  } finally {
    await embedder.release();
  }
}
