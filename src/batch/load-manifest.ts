// Reads and validates a manifest file (format from the extension) against the file system.
import { inputFileProblem, readInputText } from "../io/input-file";
import { UsageError } from "../errors";
import type { TemplateInput } from "../render/template-schema";
import { manifestFormat, parseManifest, type ParsedManifest } from "./parse-manifest";

export async function loadManifest(input: {
  path: string;
  templates?: Record<string, TemplateInput>;
  lambda?: { sourceBaseUrl?: string | null };
}): Promise<ParsedManifest> {
  const format = manifestFormat(input.path);
  if (!format) throw new UsageError(`manifest "${input.path}" must end in .json, .yaml, .yml or .csv`);
  const text = await readInputText(input.path, "manifest");
  return parseManifest({
    text,
    format,
    path: input.path,
    templates: input.templates,
    lambda: input.lambda,
    fileProblem: (path) => inputFileProblem(path).problem || null,
  });
}
