// Fetches one pinned file (URL + size + sha256) into place, from a local mirror folder or the network, and
// verifies every byte before it appears (atomic write). Shared by the model store and the demo media.
import { createWriteStream, existsSync } from "node:fs";
import { copyFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { UserFacingError } from "../errors";
import { withAtomicOutput } from "./atomic-output";
import { readTarMember } from "./read-tar-member";
import { sha256File } from "./sha256-file";

export interface PinnedFile {
  file: string;
  url: string;
  sha256: string;
  bytes: number;
  /** `url` is an archive (an npm package tarball) and the file is this member of it. */
  archiveMember?: string;
}

export interface FetchPinnedFileOptions {
  entry: PinnedFile;
  target: string;
  /** Take the file from this folder instead of the network. */
  mirrorDir?: string;
  /** What the file is, for messages: "model", "media". */
  kind: string;
  /** How to work offline, for the download error, e.g. "--from DIR or SPEAKERFRAME_MODEL_MIRROR". */
  offlineHint: string;
  signal?: AbortSignal;
  /** The caller's user-facing error class (default UserFacingError). */
  errorClass?: new (message: string) => Error;
}

type Fail = (message: string) => Error;

export async function fetchPinnedFile(options: FetchPinnedFileOptions): Promise<void> {
  const { entry, mirrorDir } = options;
  const fail: Fail = (message) => new (options.errorClass ?? UserFacingError)(message);
  await withAtomicOutput(options.target, async (temp) => {
    // A file shipped inside an npm package comes from the registry when the mirror does not hold it.
    const fromMirror = mirrorDir && (!entry.archiveMember || existsSync(join(mirrorDir, entry.file)));
    if (fromMirror) await copyFromMirror(options, temp, fail);
    else await download(options, temp, fail);
    const actual = await sha256File(temp);
    if (actual !== entry.sha256) {
      const from = mirrorDir ? join(mirrorDir, entry.file) : entry.url;
      throw fail(
        `${from} has sha256 ${actual}, expected ${entry.sha256}: the file is corrupt or tampered; replace it with ${entry.url}`,
      );
    }
  });
}

async function copyFromMirror(
  { entry, mirrorDir, kind }: FetchPinnedFileOptions,
  temp: string,
  fail: Fail,
): Promise<void> {
  const from = join(mirrorDir!, entry.file);
  if (!existsSync(from)) {
    throw fail(
      `${kind} mirror ${mirrorDir} has no ${entry.file} (expected sha256 ${entry.sha256}); copy it there from ${entry.url}`,
    );
  }
  const size = (await stat(from)).size;
  if (size !== entry.bytes) {
    throw fail(`${from} is ${size} bytes, expected ${entry.bytes}: replace it with ${entry.url}`);
  }
  await copyFile(from, temp);
}

async function download(
  { entry, offlineHint, signal }: FetchPinnedFileOptions,
  temp: string,
  fail: Fail,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(entry.url, { signal: signal ?? null });
  } catch (error) {
    const reason =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw fail(
      `cannot download ${entry.file} from ${entry.url} (${reason}); without network use ${offlineHint}`,
    );
  }
  if (!response.ok || !response.body) {
    throw fail(`downloading ${entry.file} from ${entry.url} failed: HTTP ${response.status}`);
  }
  if (!entry.archiveMember) {
    await pipeline(Readable.fromWeb(response.body as never), createWriteStream(temp));
    return;
  }
  const archive = new Uint8Array(await response.arrayBuffer());
  let member: Uint8Array | null;
  try {
    member = readTarMember({ archive, member: entry.archiveMember, maxBytes: 4 * entry.bytes });
  } catch (error) {
    throw fail(`${entry.url} is not a readable package archive (${(error as Error).message})`);
  }
  if (!member) throw fail(`${entry.url} has no ${entry.archiveMember}`);
  await writeFile(temp, member);
}
