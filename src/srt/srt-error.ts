// One-line, user-facing SRT errors: they name the file, the cue number and what is allowed.
export class SrtError extends Error {
  override name = "SrtError";
}
