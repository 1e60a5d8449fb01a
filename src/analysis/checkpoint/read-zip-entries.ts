import yauzl from "yauzl";

/** The entries of a zip archive, listed from its central directory; nothing is inflated until asked for. */
export interface ZipArchive {
  /** File entry names, in archive order. */
  readonly names: readonly string[];
  /**
   * Inflates one entry into memory, refusing it once it grows past `maxBytes`: the count is taken while
   * inflating, so a header that understates the size (a zip bomb) is stopped at the limit, not trusted.
   */
  read(name: string, maxBytes: number): Promise<Buffer>;
  close(): void;
}

/** Thrown by ZipArchive.read when an entry inflates past its limit. */
export class ZipEntryTooLargeError extends Error {
  override name = "ZipEntryTooLargeError";
  constructor(
    readonly entryName: string,
    readonly maxBytes: number,
  ) {
    super(`${entryName} inflates to more than ${maxBytes} bytes`);
  }
}

/** Opens a zip archive and lists its entries (the central directory only; entries are read on demand). */
export async function openZip(path: string): Promise<ZipArchive> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) => {
    // Entry sizes are counted by read() itself, against its own limit rather than the header.
    yauzl.open(path, { lazyEntries: true, autoClose: false, validateEntrySizes: false }, (error, file) => {
      if (error || !file) reject(error ?? new Error("cannot open zip"));
      else resolve(file);
    });
  });
  const entries = new Map<string, yauzl.Entry>();
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on("error", reject);
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith("/") && !entries.has(entry.fileName)) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.readEntry();
    });
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    names: [...entries.keys()],
    read: (name, maxBytes) => {
      const entry = entries.get(name);
      if (!entry) return Promise.reject(new Error(`${name} is not in the archive`));
      return readEntry(zip, entry, maxBytes);
    },
    close: () => zip.close(),
  };
}

function readEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, maxBytes: number): Promise<Buffer> {
  // The header's size only lets a too-large entry fail early; the stream is counted whatever it says.
  if (entry.uncompressedSize > maxBytes)
    return Promise.reject(new ZipEntryTooLargeError(entry.fileName, maxBytes));
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error || !stream) {
        reject(error ?? new Error(`cannot read ${entry.fileName}`));
        return;
      }
      const chunks: Buffer[] = [];
      let total = 0;
      let failed = false;
      const fail = (reason: Error) => {
        if (failed) return;
        failed = true;
        chunks.length = 0;
        stream.destroy();
        reject(reason);
      };
      stream.on("data", (chunk: Buffer) => {
        total += chunk.length;
        if (total > maxBytes) fail(new ZipEntryTooLargeError(entry.fileName, maxBytes));
        else chunks.push(chunk);
      });
      stream.on("error", (streamError: Error) => fail(streamError));
      stream.on("end", () => {
        if (!failed) resolve(Buffer.concat(chunks, total));
      });
    });
  });
}
