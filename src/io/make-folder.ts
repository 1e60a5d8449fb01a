// mkdir -p whose error names the real cause: Node's recursive mkdir reports ENOENT for any failure to create a
// missing folder (EROFS on a read-only mount, EACCES, ENOTDIR), which would send the user looking for a folder.
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";

export async function makeFolder(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    // Create the missing folders one at a time: the failing mkdir throws with the errno the kernel gave.
    const missing: string[] = [];
    for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
      missing.unshift(d);
      if (dirname(d) === d) break;
    }
    for (const folder of missing) {
      try {
        await mkdir(folder);
      } catch (inner) {
        if ((inner as NodeJS.ErrnoException).code !== "EEXIST") throw inner;
      }
    }
  }
}
