// Reads a templates config file (JSON or YAML): `templates: { name: { extends?, output?, fps?, camera?, captions?,
// showDebug?, srtTimes? } }`. Errors name the file and the field.
import { extname } from "node:path";
import { parse as parseYaml } from "yaml";
import { UserFacingError } from "../errors";
import { readInputText } from "../io/input-file";
import { formatZodIssue } from "./format-zod-issue";
import { templateConfigSchema, type TemplateInput } from "./template-schema";

export function parseStructuredText(text: string, path: string, what: string): unknown {
  const ext = extname(path).toLowerCase();
  try {
    return ext === ".yaml" || ext === ".yml" ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const reason = ((error as Error).message.split("\n")[0] ?? "").trim();
    throw new UserFacingError(
      `${what} ${path} is not valid ${ext === ".json" ? "JSON" : "YAML"} (${reason})`,
    );
  }
}

export async function loadTemplateConfig(path: string): Promise<Record<string, TemplateInput>> {
  const text = await readInputText(path, "config");
  const data = parseStructuredText(text, path, "config");
  const result = templateConfigSchema.safeParse(data);
  if (!result.success) {
    throw new UserFacingError(`config ${path}: ${formatZodIssue(result.error.issues[0]!, data)}`);
  }
  return result.data.templates;
}
