// One AbortSignal for the whole CLI run: SIGINT/SIGTERM abort it, and every long step listens to it.
const controller = new AbortController();
let installed = false;

export function cliSignal(): AbortSignal {
  if (!installed) {
    installed = true;
    const abort = () => controller.abort();
    process.once("SIGINT", abort);
    process.once("SIGTERM", abort);
  }
  return controller.signal;
}
