// The compositions bundled once per process (webpack takes seconds): every render in this process reuses the serve
// URL. The public folder is an empty temp folder (sources are served by serveMediaFile), so a large public/ in the
// user's working folder is never copied. The bundle folder is removed when the process exits.
import { bundle } from "@remotion/bundler";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { packageRoot } from "../analysis/models/package-root";

let bundlePromise: Promise<string> | undefined;
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

/** Deletes the bundle (the next getServeUrl() bundles again). For long-lived hosts and tests; the CLI just exits. */
export async function releaseServeUrl(): Promise<void> {
  await bundlePromise?.catch(() => undefined);
  bundlePromise = undefined;
  removeCreatedDirs();
}

/** Serve URL (a local bundle folder) of the SpeakerShort compositions; bundles on the first call only. */
export function getServeUrl(options: { onProgress?: (percent: number) => void } = {}): Promise<string> {
  bundlePromise ??= bundle({
    entryPoint: compositionsEntryPoint(),
    rootDir: packageRoot(),
    publicDir: tempDir("public"),
    outDir: tempDir("bundle"),
    enableCaching: true,
    onProgress: (percent) => options.onProgress?.(percent),
  }).catch((error: unknown) => {
    bundlePromise = undefined;
    throw error;
  });
  return bundlePromise;
}
