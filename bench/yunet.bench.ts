// YuNet throughput (preprocess + ONNX + decode/NMS) on the synthetic 1280x720 two-speaker frame at several
// detector-input widths, CPU, 1 intra-op thread.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PNG } from "pngjs";
import { createFaceDetector } from "../src/analysis/yunet/create-face-detector";
import { FIXTURES, SHARED_MODELS } from "../test/helpers/paths";

const WIDTHS = [320, 480, 640, 1280];
const MIN_SECONDS_PER_WIDTH = 3;
const MIN_RUNS = 10;

export default async function yunetBench(): Promise<string> {
  const png = PNG.sync.read(
    readFileSync(join(FIXTURES, "faces/synthetic_two_speakers_alternating_1280x720.png")),
  );
  const detector = await createFaceDetector({
    modelPath: join(SHARED_MODELS, "yunet_n_dynamic.onnx"),
    threads: 1,
  });
  const lines = [
    "## YuNet (yunet_n_dynamic.onnx, CPU, 1 thread)",
    "",
    "| input | blob | ms / frame (median) | frames / s | faces |",
    "|---|---|---|---|---|",
  ];
  try {
    for (const width of WIDTHS) {
      const height = Math.round((png.height * width) / png.width / 2) * 2; // like ffmpeg scale=W:-2
      const frame = { bgr: resizeRgbaToBgr(png, width, height), width, height };
      for (let i = 0; i < 3; i++) await detector.detect(frame); // warm-up: first runs at a new shape are slow
      const runMs: number[] = [];
      let faces = 0;
      const start = performance.now();
      while (runMs.length < MIN_RUNS || performance.now() - start < MIN_SECONDS_PER_WIDTH * 1000) {
        const t = performance.now();
        faces = (await detector.detect(frame)).length;
        runMs.push(performance.now() - t);
      }
      runMs.sort((a, b) => a - b);
      const median = runMs[Math.floor(runMs.length / 2)]!;
      const blob = `${Math.ceil(width / 32) * 32}x${Math.ceil(height / 32) * 32}`;
      lines.push(
        `| ${width}x${height} | ${blob} | ${median.toFixed(1)} | ${(1000 / median).toFixed(1)} | ${faces} |`,
      );
    }
  } finally {
    await detector.release();
  }
  return lines.join("\n");
}

/** Bilinear resize (pixel centres aligned) of pngjs RGBA into packed BGR; the bench only needs a plausible frame. */
function resizeRgbaToBgr(png: PNG, width: number, height: number): Uint8Array {
  const out = new Uint8Array(width * height * 3);
  const sx = png.width / width;
  const sy = png.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), png.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, png.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), png.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, png.width - 1);
      const wx = fx - x0;
      for (let c = 0; c < 3; c++) {
        const at = (px: number, py: number) => png.data[(py * png.width + px) * 4 + c]!;
        const top = at(x0, y0) * (1 - wx) + at(x1, y0) * wx;
        const bottom = at(x0, y1) * (1 - wx) + at(x1, y1) * wx;
        out[(y * width + x) * 3 + (2 - c)] = Math.round(top * (1 - wy) + bottom * wy);
      }
    }
  }
  return out;
}
