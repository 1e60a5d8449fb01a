// Which browser renders, shared by remotion.config.ts (CLI) and Node API callers (tests, bench, speakerframe CLI).
// Debian's Chromium is a full Chrome build: it needs chromeMode "chrome-for-testing" (new headless mode); with a
// local browser Remotion never downloads Chrome Headless Shell. SPEAKERFRAME_BROWSER overrides the path.
import { existsSync } from "node:fs";

export const BROWSER_ENV = "SPEAKERFRAME_BROWSER";
export const DEFAULT_BROWSER = "/usr/bin/chromium";

export interface BrowserOptions {
  /** null = let Remotion manage Chrome Headless Shell (downloads it: needs network). */
  browserExecutable: string | null;
  chromeMode: "chrome-for-testing" | "headless-shell";
  /**
   * gl null = Chromium's own choice (software compositing here). Measured on the 2-core CI machine, 100 frames at
   * 1080x1920: 14 s and 20 CPU-s, versus 24 s and 42 CPU-s with "swangle"; "angle" and "swiftshader" fail to start.
   */
  chromiumOptions: { gl: null };
}

export function browserOptions(env: Record<string, string | undefined> = process.env): BrowserOptions {
  const configured = env[BROWSER_ENV];
  const browserExecutable = configured || (existsSync(DEFAULT_BROWSER) ? DEFAULT_BROWSER : null);
  return {
    browserExecutable,
    chromeMode: browserExecutable ? "chrome-for-testing" : "headless-shell",
    chromiumOptions: { gl: null },
  };
}
