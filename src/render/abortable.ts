// A step that takes no cancel signal (bundling, starting the browser) still ends at once on an interrupt: the
// promise rejects with CancelledError when `signal` aborts; the CLI then exits and its hooks stop what ran.
import { CancelledError } from "../errors";

export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new CancelledError("render interrupted"));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CancelledError("render interrupted"));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
