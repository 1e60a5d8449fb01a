// Wraps a long-running command action (render, batch, demo) so an interrupt leaves nothing behind and says so.
import { installProcessCleanup } from "../render/install-process-cleanup";
import { cliSignal } from "./cli-signal";

/**
 * Remotion's browser runner handles SIGINT itself (kills Chromium, then process.exit(130)), so an interrupted
 * render never reaches the CLI's error path; `message` says what happened on the way out. Temp outputs are
 * removed by the atomic-output exit hook, ffmpeg children by theirs. Once the action settles the CLI's own error
 * line, if any, is the one printed.
 */
export function interruptibleAction<Args extends unknown[]>(
  message: string,
  action: (...args: Args) => Promise<void>,
): (...args: Args) => Promise<void> {
  return async (...args) => {
    const signal = cliSignal();
    let settled = false;
    process.once("exit", (code) => {
      if (!settled && signal.aborted && code === 130) process.stderr.write(`speakerframe: ${message}\n`);
    });
    installProcessCleanup();
    try {
      await action(...args);
    } finally {
      settled = true;
    }
  };
}
