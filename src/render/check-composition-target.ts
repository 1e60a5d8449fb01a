// A user's composition for render/batch: the entry point must be a readable script file and the id one Remotion
// accepts, checked before any analysis (the bundle itself is built only when the first render starts).
import { existsSync, statSync } from "node:fs";
import { extname, resolve } from "node:path";
import { UsageError } from "../errors";
import { COMPOSITION_ID } from "./get-serve-url";
import type { CompositionTarget } from "./render-short";

const ENTRY_EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs"];
// Remotion's rule for composition ids.
const COMPOSITION_ID_PATTERN = /^[a-zA-Z0-9\u4E00-\u9FFF-]+$/;

export interface CompositionTargetInput {
  /** Path of the entry point (the file calling registerRoot), or null for speakerframe's own root. */
  entryPoint?: string | null;
  /** Composition id; default SpeakerShort. */
  id?: string | null;
}

/** The target with an absolute entry path; throws a UsageError naming the bad value. */
export function checkCompositionTarget(input: CompositionTargetInput): CompositionTarget {
  const id = input.id ?? COMPOSITION_ID;
  if (!COMPOSITION_ID_PATTERN.test(id)) {
    throw new UsageError(`--composition "${id}" is not a composition id: use letters, digits and "-"`);
  }
  if (!input.entryPoint) return { entryPoint: null, id };
  const entryPoint = resolve(input.entryPoint);
  if (!ENTRY_EXTENSIONS.includes(extname(entryPoint).toLowerCase())) {
    throw new UsageError(
      `--entry "${input.entryPoint}" must be the file that calls registerRoot (${ENTRY_EXTENSIONS.join(", ")})`,
    );
  }
  if (!existsSync(entryPoint) || !statSync(entryPoint).isFile()) {
    throw new UsageError(`--entry "${input.entryPoint}" does not exist or is not a file`);
  }
  return { entryPoint, id };
}
