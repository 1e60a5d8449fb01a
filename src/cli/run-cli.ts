// Turns any failure into one line on stderr and an exit code; stacks only with SPEAKERFRAME_DEBUG=1.
import { CommanderError } from "commander";
import { UserFacingError } from "../errors";

export function describeFailure(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UserFacingError)
    return { message: firstLine(error.message), exitCode: error.exitCode };
  if (error instanceof CommanderError)
    return { message: firstLine(error.message).replace(/^error: /, ""), exitCode: 2 };
  // Errors from other modules that are still about the user's input carry these names.
  const userErrorNames = new Set([
    "CheckpointError",
    "SrtError",
    "CaptionsError",
    "WordTimingsError",
    "TalknetCheckpointError",
    "ConfigError",
    "AbortError",
  ]);
  if (error instanceof Error && userErrorNames.has(error.name)) {
    return { message: firstLine(error.message), exitCode: error.name === "AbortError" ? 130 : 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    message: `internal error: ${firstLine(message)} (set SPEAKERFRAME_DEBUG=1 for details)`,
    exitCode: 70,
  };
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim()) ?? text;
}

export function reportFailure(error: unknown): number {
  const { message, exitCode } = describeFailure(error);
  process.stderr.write(`speakerframe: ${message}\n`);
  if (process.env.SPEAKERFRAME_DEBUG && error instanceof Error && error.stack)
    process.stderr.write(`${error.stack}\n`);
  return exitCode;
}
