import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** `../shared` beside the checkout (override with SPEAKERFRAME_SHARED). */
export const SHARED_DIR = process.env.SPEAKERFRAME_SHARED ?? resolve(REPO_ROOT, "../shared");
export const SHARED_MODELS = join(SHARED_DIR, "models");
export const SHARED_MEDIA = join(SHARED_DIR, "media");
export const FIXTURES = join(SHARED_DIR, "fixtures");

export function sharedFile(...parts: string[]): string {
  const path = join(SHARED_DIR, ...parts);
  if (!existsSync(path)) throw new Error(`missing shared file ${path}`);
  return path;
}
