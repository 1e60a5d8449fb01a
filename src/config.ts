// speakerframe/config: the browser settings for a Remotion project's remotion.config.ts (and Node API callers):
// a local Chromium when there is one, so Remotion never downloads Chrome Headless Shell.
export {
  browserOptions,
  BROWSER_ENV,
  DEFAULT_BROWSER,
  type BrowserOptions,
} from "./compositions/render/browser-options";
