import { defineConfig } from "tsup";

// Two builds, like Remotion's own packages: the browser-safe main entry and the Studio root (what Remotion's
// bundler compiles into a user's project), and the Node entries (analysis, render, batch, CLI, config). Every
// dependency and peer dependency stays external (tsup's default), so no onnxruntime or renderer code can reach the
// browser bundle; test/package-entries.test.ts checks the imports of each file.
export default defineConfig([
  {
    entry: { index: "src/index.ts", studio: "src/compositions/index.ts" },
    format: ["esm"],
    target: "es2022",
    platform: "browser",
    dts: { entry: { index: "src/index.ts" } },
    sourcemap: true,
    clean: true,
    splitting: true,
    shims: false,
  },
  {
    entry: { node: "src/node.ts", config: "src/config.ts", cli: "src/cli/main.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    dts: { entry: { node: "src/node.ts", config: "src/config.ts" } },
    sourcemap: true,
    // The browser build runs first and owns dist/; cleaning here would race it.
    clean: false,
    splitting: true,
    shims: false,
  },
]);
