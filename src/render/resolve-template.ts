// Resolves a template name to concrete prop presets: built-ins, user templates (which may replace a built-in),
// `extends` chains, then job overrides on top. Nested camera / captions objects merge key by key.
import { UserFacingError } from "../errors";
import type { PropOverrides, TemplateInput } from "./template-schema";

export const DEFAULT_TEMPLATE = "tiktok";

export const BUILT_IN_TEMPLATES: Record<string, TemplateInput> = {
  tiktok: { description: "9:16 1080x1920 (TikTok, Reels, Shorts)", output: { width: 1080, height: 1920 } },
  square: { description: "1:1 1080x1080", output: { width: 1080, height: 1080 } },
  portrait: { description: "4:5 1080x1350 (feed posts)", output: { width: 1080, height: 1350 } },
};

export interface ResolvedTemplate extends PropOverrides {
  output: { width: number; height: number };
}

export function mergeOverrides(base: PropOverrides, over: PropOverrides | undefined): PropOverrides {
  if (!over) return { ...base };
  const merged: PropOverrides = { ...base };
  for (const [key, value] of Object.entries(over) as [keyof PropOverrides, unknown][]) {
    if (value === undefined) continue;
    if ((key === "camera" || key === "captions") && typeof value === "object" && value !== null) {
      (merged as Record<string, unknown>)[key] = { ...(base[key] ?? {}), ...value };
    } else {
      (merged as Record<string, unknown>)[key] = value;
    }
  }
  return merged;
}

export function templateNames(templates: Record<string, TemplateInput> = {}): string[] {
  return [...new Set([...Object.keys(BUILT_IN_TEMPLATES), ...Object.keys(templates)])];
}

export function resolveTemplate(input: {
  name?: string;
  /** User templates (config file or manifest); they may replace built-ins of the same name. */
  templates?: Record<string, TemplateInput>;
  overrides?: PropOverrides;
}): ResolvedTemplate {
  const templates = { ...BUILT_IN_TEMPLATES, ...input.templates };
  const chain: string[] = [];
  let name: string | undefined = input.name ?? DEFAULT_TEMPLATE;
  while (name !== undefined) {
    if (chain.includes(name)) {
      throw new UserFacingError(`template "${name}" extends itself (${[...chain, name].join(" -> ")})`);
    }
    const template: TemplateInput | undefined = templates[name];
    if (!template) {
      const from = chain.length ? ` (extended by "${chain.at(-1)}")` : "";
      throw new UserFacingError(
        `template "${name}"${from} does not exist; use one of: ${templateNames(input.templates).join(", ")}`,
      );
    }
    chain.push(name);
    // A user template named like a built-in extends nothing unless it says so.
    name = template.extends;
  }
  let merged: PropOverrides = {};
  for (const link of chain.reverse()) {
    const { extends: _extends, description: _description, ...props } = templates[link]!;
    merged = mergeOverrides(merged, props);
  }
  merged = mergeOverrides(merged, input.overrides);
  return { ...merged, output: merged.output ?? BUILT_IN_TEMPLATES[DEFAULT_TEMPLATE]!.output! };
}
