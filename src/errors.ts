/**
 * An error meant for the user: a one-line message naming the bad value and the fix. The CLI prints it without a
 * stack and exits with `exitCode` (1 = bad input or failed job, 2 = bad usage, 130 = interrupted).
 */
export class UserFacingError extends Error {
  override name = "UserFacingError";
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

export class UsageError extends UserFacingError {
  override name = "UsageError";
  constructor(message: string) {
    super(message, 2);
  }
}

export class CancelledError extends UserFacingError {
  override name = "CancelledError";
  constructor(message = "interrupted") {
    super(message, 130);
  }
}
