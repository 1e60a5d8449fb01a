// The compositions bundled once per process and entry point (webpack takes seconds): every render in this process
// reuses the serve URL. speakerframe's own root gets an empty temp public folder (sources are served by
// serveMediaFile), so a large public/ in the user's working folder is never copied; a user's entry point gets its
// project's public/ (its staticFile() assets), as `npx remotion render` would. Bundle folders go when the process
// exits.
import { bundle } from "@remotion/bundler";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { nearestPackageDir, packageRoot } from "../analysis/models/package-root";
import { UserFacingError } from "../errors";

const bundles = new Map<string, Promise<string>>();
const createdDirs: string[] = [];

export const COMPOSITION_ID = "SpeakerShort";

/** The Studio root: the compiled one in an installed package, the source in a checkout without a build. */
export function compositionsEntryPoint(): string {
  const compiled = join(packageRoot(), "dist", "studio.js");
  return existsSync(compiled) ? compiled : join(packageRoot(), "src", "compositions", "index.ts");
}

let exitHookInstalled = false;

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `speakerframe-${prefix}-`));
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on("exit", removeCreatedDirs);
  }
  createdDirs.push(dir);
  return dir;
}

function removeCreatedDirs(): void {
  for (const created of createdDirs.splice(0)) rmSync(created, { recursive: true, force: true });
}

/** The folder of the nearest package.json above a user's entry point (its Remotion project). */
export function projectRootOf(entryPoint: string): string {
  const dir = dirname(resolve(entryPoint));
  return nearestPackageDir(dir) ?? dir;
}

/** Deletes the bundles (the next getServeUrl() bundles again). For long-lived hosts and tests; the CLI just exits. */
export async function releaseServeUrl(): Promise<void> {
  const pending = [...bundles.values()];
  bundles.clear();
  await Promise.all(pending.map((p) => p.catch(() => undefined)));
  removeCreatedDirs();
}

export interface GetServeUrlOptions {
  /** A Remotion entry point (the file calling registerRoot); default speakerframe's own root. */
  entryPoint?: string | null;
  onProgress?: (percent: number) => void;
}

/** Serve URL (a local bundle folder) of an entry point's compositions; bundles on the first call per entry only. */
export function getServeUrl(options: GetServeUrlOptions = {}): Promise<string> {
  const entryPoint = options.entryPoint ? resolve(options.entryPoint) : compositionsEntryPoint();
  const existing = bundles.get(entryPoint);
  if (existing) return existing;
  const own = !options.entryPoint;
  const rootDir = own ? packageRoot() : projectRootOf(entryPoint);
  const userPublic = join(rootDir, "public");
  const pending = bundle({
    entryPoint,
    rootDir,
    publicDir: own || !existsSync(userPublic) ? tempDir("public") : userPublic,
    outDir: tempDir("bundle"),
    enableCaching: true,
    onProgress: (percent) => options.onProgress?.(percent),
  }).catch((error: unknown) => {
    bundles.delete(entryPoint);
    if (own) throw error;
    const message = error instanceof Error ? error.message : String(error);
    const line = message.split("\n").find((l) => l.trim()) ?? message;
    throw new UserFacingError(`--entry ${entryPoint} could not be bundled: ${line.trim()}`);
  });
  bundles.set(entryPoint, pending);
  return pending;
}
