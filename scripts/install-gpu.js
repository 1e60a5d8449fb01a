// Opt-in GPU support: runs onnxruntime-node's own installer with the CUDA 12 execution provider enabled
// (it downloads the provider libraries; `npm ci` never runs that script: package.json allowScripts denies it).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const ortDir = dirname(require.resolve("onnxruntime-node/package.json"));
const result = spawnSync(process.execPath, [join(ortDir, "script", "install.js")], {
  cwd: ortDir,
  stdio: "inherit",
  env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: "cuda12" },
});
if (result.status !== 0) {
  console.error(
    "speakerframe: installing the CUDA execution provider failed (needs network access and CUDA 12)",
  );
  process.exit(result.status ?? 1);
}
console.log("speakerframe: CUDA execution provider installed; `--device auto` will use it");
