// The 150×150 RGB inputs of the face-embedding parity check, shared by scripts/make-face-embedding-golden.mjs and
// test/face-embedding-parity.test.ts: two synthetic images (made here) and three face frames cut from the shared
// test clips with the system ffmpeg (bit-exact decode + crop + bilinear scale).
import { join } from "node:path";

const SIZE = 150;

function synthetic(seed) {
  const rgb = new Uint8Array(SIZE * SIZE * 3);
  let state = seed >>> 0;
  const random = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  for (let y = 0; y < SIZE; y++)
    for (let x = 0; x < SIZE; x++)
      for (let c = 0; c < 3; c++) {
        const wave = 127 + 90 * Math.sin((x * (c + 1)) / 11 + seed) * Math.cos((y * (3 - c)) / 17);
        rgb[(y * SIZE + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(wave + 40 * (random() - 0.5))));
      }
  return rgb;
}

/** `run(args)` runs ffmpeg and returns stdout bytes. */
export function goldenInputs({ mediaDir, run }) {
  const face = (file, frame, crop) =>
    new Uint8Array(
      run([
        "-nostdin",
        "-loglevel",
        "error",
        "-i",
        join(mediaDir, file),
        "-vf",
        `select=eq(n\\,${frame}),crop=${crop},scale=${SIZE}:${SIZE}:flags=bilinear`,
        "-frames:v",
        "1",
        "-f",
        "rawvideo",
        "-pix_fmt",
        "rgb24",
        "-",
      ]),
    );
  return [
    { name: "synthetic-1", rgb: synthetic(1) },
    { name: "synthetic-2", rgb: synthetic(2) },
    { name: "face-1", rgb: face("videoretalking_face_1.mp4", 20, "340:340:200:40") },
    { name: "face-3", rgb: face("videoretalking_face_3.mp4", 30, "300:300:145:70") },
    { name: "face-5", rgb: face("videoretalking_face_5.mp4", 10, "330:330:90:50") },
  ];
}
