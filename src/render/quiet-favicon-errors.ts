// Chromium fetches /favicon.ico for every page Remotion opens; when the bundle server closes first (a failed or
// interrupted render) Remotion prints that request's failure as a browser error, which logLevel cannot silence
// ("error" is its quietest level). While renders run, console.error drops exactly that line; SPEAKERFRAME_DEBUG
// keeps everything.
const FAVICON_FAILURE = /favicon\.ico\S*\s.*Failed to load resource/s;

let active = 0;
let original: typeof console.error | null = null;

function install(): void {
  if (active++ > 0) return;
  original = console.error;
  const keep = original;
  console.error = (...args: unknown[]) => {
    // Remotion passes the tag ("[http://…/favicon.ico]") and the message as separate, coloured arguments.
    if (FAVICON_FAILURE.test(args.map(String).join(" "))) return;
    keep(...args);
  };
}

function uninstall(): void {
  if (--active > 0 || !original) return;
  console.error = original;
  original = null;
}

/** Runs `task` with the favicon failures of Remotion's browser pages kept off stderr. */
export async function quietFaviconErrors<T>(task: () => Promise<T>): Promise<T> {
  if (process.env.SPEAKERFRAME_DEBUG) return task();
  install();
  try {
    return await task();
  } finally {
    uninstall();
  }
}
