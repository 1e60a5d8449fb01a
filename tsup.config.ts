import { defineConfig } from "tsup";

// The library and CLI are bundled to dist/ (ESM). Compositions stay as source: Remotion's bundler compiles them.
export default defineConfig({
  entry: { index: "src/index.ts", cli: "src/cli/main.ts" },
  format: ["esm"],
  target: "node20",
  platform: "node",
  dts: { entry: { index: "src/index.ts" } },
  sourcemap: true,
  clean: true,
  splitting: true,
  shims: false,
});
