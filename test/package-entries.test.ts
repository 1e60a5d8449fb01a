// The package's entries as a bundler sees them: the browser-safe main entry and the Studio root import only React,
// Remotion's browser packages, zod and fonts (never onnxruntime, the renderer, the bundler or node: modules), and
// package.json points every export at a built file with its types. Needs the build (`npm test` builds first).
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./helpers/paths";

const DIST = join(REPO_ROOT, "dist");
const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8"));

/** Every bare import reachable from a dist file through its relative imports. */
function externalImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(DIST, file), "utf8");
    for (const match of code.matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
      const target = match[1]!;
      if (target.startsWith("./")) queue.push(target.slice(2));
      else external.add(target);
    }
  }
  return external;
}

describe("package entries", () => {
  it.each(["index.js", "studio.js"])("%s imports only browser-safe packages", (entry) => {
    const imports = [...externalImports(entry)];
    const allowed =
      /^(react|react\/jsx-runtime|remotion|@remotion\/(media|captions)|zod|@fontsource\/inter\/\d+\.css|@fontsource-variable\/noto-sans-jp\/wght\.css|@fontsource\/noto-color-emoji\/emoji\.css)$/;
    expect(imports.filter((name) => !allowed.test(name))).toEqual([]);
    expect(imports).toContain("remotion");
  });

  it("exports point at built files with types; Remotion and React are peer dependencies", () => {
    for (const [name, target] of Object.entries(
      pkg.exports as Record<string, string | Record<string, string>>,
    )) {
      for (const file of typeof target === "string" ? [target] : Object.values(target)) {
        expect(existsSync(join(REPO_ROOT, file)), `${name} -> ${file}`).toBe(true);
      }
    }
    for (const name of ["remotion", "@remotion/media", "@remotion/captions", "react", "react-dom"]) {
      expect(pkg.peerDependencies[name], name).toBeDefined();
      expect(pkg.dependencies[name], name).toBeUndefined();
    }
    expect(pkg.devDependencies.remotion).toBe("4.0.527");
  });

  it("the main entry has what a Root.tsx and a custom composition need", async () => {
    const main = await import(join(DIST, "index.js"));
    for (const name of [
      "SpeakerShort",
      "speakerShortSchema",
      "calculateSpeakerShortMetadata",
      "useSpeakerCamera",
      "SpeakerVideo",
      "SpeakerCrop",
      "loadTimeline",
      "planCamera",
      "parseTimeline",
      "timelineSchema",
    ]) {
      expect(main[name], name).toBeDefined();
    }
  });
});
