// Reads and validates a manifest file (format from the extension) against the file system.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { UsageError, UserFacingError } from "../errors";
import type { TemplateInput } from "../render/template-schema";
import { manifestFormat, parseManifest, type ParsedManifest } from "./parse-manifest";

export async function loadManifest(input: {
  path: string;
  templates?: Record<string, TemplateInput>;
  lambda?: { sourceBaseUrl?: string | null };
}): Promise<ParsedManifest> {
  const format = manifestFormat(input.path);
  if (!format) throw new UsageError(`manifest "${input.path}" must end in .json, .yaml, .yml or .csv`);
  let text: string;
  try {
    text = await readFile(input.path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserFacingError(
      code === "ENOENT"
        ? `manifest ${input.path} does not exist`
        : `manifest ${input.path} cannot be read (${code})`,
    );
  }
  return parseManifest({
    text,
    format,
    path: input.path,
    templates: input.templates,
    lambda: input.lambda,
    fileExists: existsSync,
  });
}
