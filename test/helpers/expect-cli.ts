// Assertions on a CLI run as the README's Troubleshooting table promises: one `speakerframe:` line, an exit code.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import { REPO_ROOT } from "./paths";
import { errorLines, runCli, type CliResult, type RunCliOptions } from "./run-cli";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");

/** The README's Troubleshooting table documents each message. */
export function documented(fragment: string): void {
  expect(readme, `README Troubleshooting lacks "${fragment}"`).toContain(fragment);
}

/** Runs the CLI expecting one `speakerframe:` line matching `message`, no stack trace, and exit `code`. */
export async function expectFailure(
  args: string[],
  code: number,
  message: RegExp,
  options: RunCliOptions = {},
): Promise<CliResult> {
  const result = await runCli(args, { timeoutMs: 60_000, ...options });
  const lines = errorLines(result.stderr).filter((line) => !/^render: /.test(line));
  expect(result.code, result.stderr).toBe(code);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^speakerframe: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result;
}
