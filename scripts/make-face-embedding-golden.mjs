// Writes test/fixtures/face-embedding-golden.json: face-api's own descriptors (computeFaceDescriptor of
// @vladmandic/face-api 1.7.15 on the pure-JS @tensorflow/tfjs 4.22.0 CPU backend) for a few 150×150 inputs, so
// test/face-embedding-parity.test.ts can check speakerframe's ONNX graph against upstream without those packages.
// Run once (they are not dependencies of speakerframe):
//   mkdir -p /tmp/faceapi-golden && cd /tmp/faceapi-golden && npm init -y >/dev/null &&
//   npm install --no-save @tensorflow/tfjs@4.22.0 @tensorflow/tfjs-backend-wasm@4.22.0 @vladmandic/face-api@1.7.15
//   node scripts/make-face-embedding-golden.mjs /tmp/faceapi-golden <model cache dir> <shared media dir>
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { URL } from "node:url";
import { createRequire } from "node:module";
import { goldenInputs } from "./face-embedding-golden-inputs.mjs";

const [modulesDir, modelDir, mediaDir] = process.argv.slice(2);
if (!modulesDir || !modelDir || !mediaDir) {
  console.error(
    "usage: node scripts/make-face-embedding-golden.mjs <dir with node_modules> <model cache> <media dir>",
  );
  process.exit(2);
}
// CommonJS builds: tfjs's ESM build does not resolve under Node's ESM loader.
const require = createRequire(join(modulesDir, "package.json"));
const tf = require("@tensorflow/tfjs");
const faceapi = require("@vladmandic/face-api/dist/face-api.node-wasm.js");
await tf.setBackend("cpu");
await tf.ready();

const manifest = JSON.parse(
  readFileSync(join(modelDir, "faceapi_face_recognition_model-weights_manifest.json"), "utf8"),
);
const bin = readFileSync(join(modelDir, "faceapi_face_recognition_model.bin"));
const weightMap = tf.io.decodeWeights(
  bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  manifest.flatMap((group) => group.weights),
);
const net = new faceapi.FaceRecognitionNet();
net.loadFromWeightMap(weightMap);

const ffmpeg = process.env.SPEAKERFRAME_SYSTEM_FFMPEG ?? "/usr/bin/ffmpeg";
const cases = [];
for (const input of goldenInputs({
  mediaDir,
  run: (args) => execFileSync(ffmpeg, args, { maxBuffer: 1 << 26 }),
})) {
  const image = tf.tensor3d(Float32Array.from(input.rgb), [150, 150, 3]);
  const descriptor = await net.computeFaceDescriptor(image);
  image.dispose();
  cases.push({
    name: input.name,
    inputSha256: createHash("sha256").update(input.rgb).digest("hex"),
    descriptor: Array.from(descriptor, (v) => Number(v.toPrecision(7))),
  });
  console.log(input.name, Array.from(descriptor.slice(0, 4)));
}
writeFileSync(
  new URL("../test/fixtures/face-embedding-golden.json", import.meta.url),
  `${JSON.stringify({ generator: "scripts/make-face-embedding-golden.mjs", faceApi: "@vladmandic/face-api 1.7.15", tfjs: `@tensorflow/tfjs ${tf.version.tfjs} cpu`, cases }, null, 1)}\n`,
);
