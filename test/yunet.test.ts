// YuNet vs the OpenCV-semantics reference detections (fixtures README §3).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFaceDetector, type FaceDetector } from "../src/analysis/yunet/create-face-detector";
import {
  decodeYunetCandidates,
  postprocess,
  suppressOverlappingFaces,
  type Face,
  type YunetTensor,
} from "../src/analysis/yunet/postprocess";
import { preprocess } from "../src/analysis/yunet/preprocess";
import { readNpy } from "./helpers/npy";
import { FIXTURES, SHARED_MODELS } from "./helpers/paths";

const FACES_DIR = join(FIXTURES, "faces");

interface ReferenceFace {
  x: number;
  y: number;
  w: number;
  h: number;
  score: number;
  landmarks: [number, number][];
}
interface Reference {
  width: number;
  height: number;
  blob: { shape: number[] };
  candidates_above_threshold: number;
  faces: ReferenceFace[];
}

function readBgrPng(path: string): { bgr: Uint8Array; width: number; height: number } {
  const png = PNG.sync.read(readFileSync(path)); // RGBA
  const bgr = new Uint8Array(png.width * png.height * 3);
  for (let p = 0, q = 0; p < bgr.length; p += 3, q += 4) {
    bgr[p] = png.data[q + 2]!;
    bgr[p + 1] = png.data[q + 1]!;
    bgr[p + 2] = png.data[q]!;
  }
  return { bgr, width: png.width, height: png.height };
}

function faceErrors(faces: readonly Face[], reference: readonly ReferenceFace[]) {
  let box = 0;
  let score = 0;
  let landmark = 0;
  faces.forEach((face, i) => {
    const ref = reference[i]!;
    box = Math.max(box, Math.abs(face.x - ref.x), Math.abs(face.y - ref.y));
    box = Math.max(box, Math.abs(face.width - ref.w), Math.abs(face.height - ref.h));
    score = Math.max(score, Math.abs(face.score - ref.score));
    face.landmarks.forEach(([x, y], n) => {
      landmark = Math.max(landmark, Math.abs(x - ref.landmarks[n]![0]), Math.abs(y - ref.landmarks[n]![1]));
    });
  });
  return { box, score, landmark };
}

const referenceNames = readdirSync(FACES_DIR)
  .filter((f) => f.endsWith(".yunet.json"))
  .map((f) => f.replace(/\.yunet\.json$/, ""))
  .sort();

describe("YuNet detection on the reference PNGs", () => {
  let detector: FaceDetector;
  beforeAll(async () => {
    detector = await createFaceDetector({
      modelPath: join(SHARED_MODELS, "yunet_n_dynamic.onnx"),
      threads: 1,
    });
  });
  afterAll(() => detector.release());

  it("has all seven references", () => expect(referenceNames).toHaveLength(7));

  it.each(referenceNames)("reproduces %s", async (name) => {
    const reference = JSON.parse(readFileSync(join(FACES_DIR, `${name}.yunet.json`), "utf8")) as Reference;
    const image = readBgrPng(join(FACES_DIR, `${name}.png`));
    expect([image.width, image.height]).toEqual([reference.width, reference.height]);
    expect(preprocess(image).dims).toEqual(reference.blob.shape);

    const faces = await detector.detect(image);
    expect(faces).toHaveLength(reference.faces.length);
    const errors = faceErrors(faces, reference.faces);
    console.log(
      `yunet ${name}: ${faces.length} faces; max error box ${errors.box.toExponential(2)} px, ` +
        `score ${errors.score.toExponential(2)}, landmarks ${errors.landmark.toExponential(2)} px`,
    );
    expect(errors.box).toBeLessThanOrEqual(1);
    expect(errors.score).toBeLessThanOrEqual(1e-3);
    expect(errors.landmark).toBeLessThanOrEqual(1);
  });

  it("maps faces found on a half-size frame back to source px", async () => {
    const name = "synthetic_two_speakers_alternating_1280x720";
    const reference = JSON.parse(readFileSync(join(FACES_DIR, `${name}.yunet.json`), "utf8")) as Reference;
    const full = readBgrPng(join(FACES_DIR, `${name}.png`));
    const half = halveBgr(full);
    const faces = await detector.detect({ ...half, sourcePxPerInputPx: 2 });
    expect(faces).toHaveLength(2);
    for (const ref of reference.faces) {
      const match = faces.find((face) => Math.abs(face.x + face.width / 2 - (ref.x + ref.w / 2)) < 20);
      expect(match, `face near x=${ref.x}`).toBeDefined();
      // Detection on a 2× box-filtered frame moves boxes a little; in source px it should stay within ~4% of size.
      expect(Math.abs(match!.x - ref.x)).toBeLessThan(0.04 * ref.w + 2);
      expect(Math.abs(match!.y - ref.y)).toBeLessThan(0.04 * ref.h + 2);
      expect(Math.abs(match!.width - ref.w)).toBeLessThan(0.06 * ref.w + 2);
      expect(Math.abs(match!.height - ref.h)).toBeLessThan(0.06 * ref.h + 2);
    }
  });
});

describe("YuNet decode + NMS on raw outputs", () => {
  const names = ["cls", "obj", "bbox", "kps"].flatMap((head) =>
    [8, 16, 32].map((stride) => `${head}_${stride}`),
  );
  const outputs: Record<string, YunetTensor> = Object.fromEntries(
    names.map((name) => {
      const npy = readNpy(join(FACES_DIR, `raw/ultraface_imgs_1.yunet_out.${name}.npy`));
      return [name, { data: npy.data as Float32Array, dims: npy.shape }];
    }),
  );
  const reference = JSON.parse(
    readFileSync(join(FACES_DIR, "ultraface_imgs_1.yunet.json"), "utf8"),
  ) as Reference;
  const padded = { paddedWidth: 736, paddedHeight: 480 };

  it("decodes 416 candidates and keeps 52 after NMS, as the reference", () => {
    const candidates = decodeYunetCandidates({ outputs, ...padded });
    expect(candidates).toHaveLength(416);
    expect(reference.candidates_above_threshold).toBe(416);
    const faces = suppressOverlappingFaces(candidates);
    expect(faces).toHaveLength(52);
    expect(postprocess({ outputs, ...padded })).toEqual(faces);
    const errors = faceErrors(faces, reference.faces);
    console.log(
      `yunet raw decode: box ${errors.box.toExponential(2)} px, score ${errors.score.toExponential(2)}`,
    );
    expect(errors.box).toBeLessThan(1e-3);
    expect(errors.score).toBeLessThan(1e-6);
    expect(errors.landmark).toBeLessThan(1e-3);
  });

  it("honours topK and passes a single candidate through", () => {
    const candidates = decodeYunetCandidates({ outputs, ...padded });
    expect(suppressOverlappingFaces(candidates, { topK: 10 }).length).toBeLessThanOrEqual(10);
    expect(suppressOverlappingFaces(candidates.slice(0, 1))).toEqual(candidates.slice(0, 1));
    expect(suppressOverlappingFaces([])).toEqual([]);
  });
});

/** 2×2 box filter, rounding half up: a stand-in for the pipeline's ffmpeg downscale. */
function halveBgr(image: { bgr: Uint8Array; width: number; height: number }) {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const bgr = new Uint8Array(width * height * 3);
  const stride = image.width * 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 3; c++) {
        const s = 2 * y * stride + 2 * x * 3 + c;
        const sum = image.bgr[s]! + image.bgr[s + 3]! + image.bgr[s + stride]! + image.bgr[s + stride + 3]!;
        bgr[(y * width + x) * 3 + c] = (sum + 2) >> 2;
      }
    }
  }
  return { bgr, width, height };
}
