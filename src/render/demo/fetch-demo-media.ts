// Fetches the demo's media like the models: from a local mirror (SPEAKERFRAME_MEDIA_MIRROR or --media-from) or
// the pinned upstream URLs in models/demo-media.json, verifying size and sha256, into a media cache folder.
import { createWriteStream, existsSync } from "node:fs";
import { copyFile, mkdir, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserFacingError } from "../../errors";
import { withAtomicOutput } from "../../io/atomic-output";
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
  await mkdir(cacheDir, { recursive: true });
  const paths: Record<string, string> = {};
  for (const entry of DEMO_MEDIA) {
    const target = join(cacheDir, entry.file);
    paths[entry.file] = target;
    if (existsSync(target) && (await sha256File(target)) === entry.sha256) {
      options.onProgress?.(entry.file, "present", "cache");
      continue;
    }
    await withAtomicOutput(target, async (temp) => {
      if (mirrorDir) {
        const from = join(mirrorDir, entry.file);
        if (!existsSync(from)) {
          throw new UserFacingError(
            `media mirror ${mirrorDir} has no ${entry.file}; copy it there from ${entry.url}`,
          );
        }
        const size = (await stat(from)).size;
        if (size !== entry.bytes) {
          throw new UserFacingError(
            `${from} is ${size} bytes, expected ${entry.bytes}: replace it with ${entry.url}`,
          );
        }
        await copyFile(from, temp);
      } else {
        await download(entry, temp, options.signal);
      }
      const actual = await sha256File(temp);
      if (actual !== entry.sha256) {
        const from = mirrorDir ? join(mirrorDir, entry.file) : entry.url;
        throw new UserFacingError(
          `${from} has sha256 ${actual}, expected ${entry.sha256}: corrupt or a different file`,
        );
      }
    });
    options.onProgress?.(entry.file, "fetched", mirrorDir ? "mirror" : "url");
  }
  return paths;
}

async function download(entry: DemoMediaFile, temp: string, signal?: AbortSignal): Promise<void> {
  let response: Response;
  try {
    response = await fetch(entry.url, { signal: signal ?? null });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new UserFacingError(
      `cannot download ${entry.file} from ${entry.url} (${reason}); without network use --media-from DIR or ${MEDIA_MIRROR_ENV}`,
    );
  }
  if (!response.ok || !response.body) {
    throw new UserFacingError(`downloading ${entry.file} from ${entry.url} failed: HTTP ${response.status}`);
  }
  await pipeline(Readable.fromWeb(response.body as never), createWriteStream(temp));
}
