// One zod issue as `jobs[2].start: message`: array indices in brackets, keys dotted. Pure.
import type { z } from "zod";

export function formatZodPath(path: readonly PropertyKey[]): string {
  let text = "";
  for (const key of path) {
    if (typeof key === "number") text += `[${key}]`;
    else text += text ? `.${String(key)}` : String(key);
  }
  return text || "(root)";
}

export function formatZodIssue(issue: z.core.$ZodIssue, data?: unknown): string {
  const path = formatZodPath(issue.path);
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return `${formatZodPath([...issue.path, ...(issue.keys.length === 1 ? [issue.keys[0]!] : [])])}: unknown field${issue.keys.length > 1 ? `s ${keys}` : ""}`;
  }
  // Custom checks already quote the value in their message.
  if (issue.code === "custom") return `${path}: ${issue.message}`;
  const value = data === undefined ? undefined : valueAt(data, issue.path);
  const shown = value === undefined ? "" : ` (got ${JSON.stringify(value)?.slice(0, 60)})`;
  return `${path}: ${issue.message}${shown}`;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = data;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}
