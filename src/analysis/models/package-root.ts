import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

/** The nearest folder at or above `start` whose package.json `accept`s (default: any), or null. */
export function nearestPackageDir(
  start: string,
  accept: (manifest: { name?: string }) => boolean = () => true,
): string | null {
  let dir = start;
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && accept(JSON.parse(readFileSync(manifest, "utf8")))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** The speakerframe package folder, found from this module's location (works from src/ and from dist/). */
export function packageRoot(): string {
  cached ??=
    nearestPackageDir(dirname(fileURLToPath(import.meta.url)), (m) => m.name === "speakerframe") ?? undefined;
  if (!cached) throw new Error("cannot find the speakerframe package folder");
  return cached;
}
