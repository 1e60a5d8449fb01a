// Whether two paths name the same file, whatever their spelling: `a.mp4`, `./self/a.mp4` through a symlinked
// folder, a symlink or a hard link all compare equal. Existing files compare by device and inode; paths that do not
// exist yet compare by their real location (symlinked folders resolved).
import { realpathSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { UserFacingError } from "../errors";

export function fileIdentity(path: string): string {
  const absolute = resolve(path);
  try {
    const stats = statSync(absolute);
    return `inode:${stats.dev}:${stats.ino}`;
  } catch {
    return `path:${realLocation(absolute)}`;
  }
}

/** The real path of the nearest existing ancestor, joined with the parts below it that do not exist yet. */
function realLocation(absolute: string): string {
  const rest: string[] = [];
  let dir = absolute;
  for (;;) {
    try {
      return join(realpathSync(dir), ...rest);
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return absolute;
      rest.unshift(basename(dir));
      dir = parent;
    }
  }
}

export interface NamedPath {
  /** The path as the user gave it. */
  path: string;
  /** What it is, for the message: "input video", "SRT", "timeline". */
  what: string;
}

/** Refuses an output that is one of the inputs (the write would destroy it), in one line naming both. */
export function assertNotAnInput(output: NamedPath, inputs: readonly (NamedPath | null | undefined)[]): void {
  const target = fileIdentity(output.path);
  for (const input of inputs) {
    if (input && fileIdentity(input.path) === target) {
      throw new UserFacingError(
        `${output.what} ${output.path} would overwrite the ${input.what} ${input.path}; choose another output path`,
      );
    }
  }
}
