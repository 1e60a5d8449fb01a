// Remotion CLI config (`npx remotion studio|render src/compositions/index.ts ...`). Node API callers pass the same
// browser settings from src/compositions/render/browser-options.ts.
import { Config } from "@remotion/cli/config";
import { browserOptions } from "./src/compositions/render/browser-options";

const browser = browserOptions();
if (browser.browserExecutable) Config.setBrowserExecutable(browser.browserExecutable);
Config.setChromeMode(browser.chromeMode);
// OpenGL renderer left at Chromium's default: software compositing is twice as fast as "swangle" here.
Config.setEntryPoint("src/compositions/index.ts");
Config.setVideoImageFormat("jpeg");
Config.setCodec("h264");
Config.setOverwriteOutput(true);
