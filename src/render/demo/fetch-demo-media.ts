// Fetches the demo's media like the models: from a local mirror (SPEAKERFRAME_MEDIA_MIRROR or --media-from) or
// the pinned upstream URLs in models/demo-media.json, verifying size and sha256, into a media cache folder.
import { existsSync } from "node:fs";
import { makeFolder } from "../../io/make-folder";
import { homedir } from "node:os";
import { join } from "node:path";
import { UserFacingError } from "../../errors";
import { fetchPinnedFile } from "../../io/fetch-pinned-file";
import { sha256File } from "../../io/sha256-file";
import demoMedia from "../../../models/demo-media.json";

export interface DemoMediaFile {
  file: string;
  url: string;
  sha256: string;
  bytes: number;
  license: string;
  description: string;
}

export const DEMO_MEDIA: DemoMediaFile[] = demoMedia.files;
export const MEDIA_MIRROR_ENV = "SPEAKERFRAME_MEDIA_MIRROR";

/** Default SPEAKERFRAME_CACHE/media or ~/.cache/speakerframe/media. */
export function mediaCacheDir(dir?: string): string {
  if (dir) return dir;
  const root =
    process.env.SPEAKERFRAME_CACHE ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "speakerframe");
  return join(root, "media");
}

export interface FetchDemoMediaOptions {
  /** Local folder holding the files under their manifest names (default SPEAKERFRAME_MEDIA_MIRROR). */
  mirrorDir?: string;
  cacheDir?: string;
  signal?: AbortSignal;
  onProgress?: (file: string, status: "present" | "fetched", source: "cache" | "mirror" | "url") => void;
}

/** Paths of the verified demo media files, by manifest name. */
export async function fetchDemoMedia(options: FetchDemoMediaOptions = {}): Promise<Record<string, string>> {
  const cacheDir = mediaCacheDir(options.cacheDir);
  const mirrorDir = options.mirrorDir ?? process.env[MEDIA_MIRROR_ENV];
  if (mirrorDir && !existsSync(mirrorDir)) {
    throw new UserFacingError(
      `media mirror ${mirrorDir} does not exist; pass an existing folder to --media-from`,
    );
  }
  await makeFolder(cacheDir);
  const paths: Record<string, string> = {};
  for (const entry of DEMO_MEDIA) {
    const target = join(cacheDir, entry.file);
    paths[entry.file] = target;
    if (existsSync(target) && (await sha256File(target)) === entry.sha256) {
      options.onProgress?.(entry.file, "present", "cache");
      continue;
    }
    await fetchPinnedFile({
      entry,
      target,
      mirrorDir,
      kind: "media",
      offlineHint: `--media-from DIR or ${MEDIA_MIRROR_ENV}`,
      signal: options.signal,
    });
    options.onProgress?.(entry.file, "fetched", mirrorDir ? "mirror" : "url");
  }
  return paths;
}
