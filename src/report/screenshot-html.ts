// HTML file -> PNG with the local Chromium in headless mode (`--screenshot`), at a fixed window size. The
// browser runs with a throwaway profile folder and is killed on abort.
import { execa } from "execa";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { browserOptions } from "../compositions/render/browser-options";
import { UserFacingError } from "../errors";

export async function screenshotHtml(input: {
  htmlPath: string;
  pngPath: string;
  widthPx: number;
  heightPx: number;
  signal?: AbortSignal;
}): Promise<void> {
  const browser = browserOptions().browserExecutable;
  if (!browser) {
    throw new UserFacingError(
      `a PNG report needs Chromium: install it (/usr/bin/chromium) or set SPEAKERFRAME_BROWSER; or write .html instead`,
    );
  }
  const profile = await mkdtemp(join(tmpdir(), "speakerframe-shot-"));
  try {
    await execa(
      browser,
      [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        `--user-data-dir=${profile}`,
        `--window-size=${input.widthPx},${input.heightPx}`,
        `--screenshot=${input.pngPath}`,
        pathToFileURL(input.htmlPath).href,
      ],
      { cancelSignal: input.signal, timeout: 90_000, stdin: "ignore", forceKillAfterDelay: 2000 },
    );
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
