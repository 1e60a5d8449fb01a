// Remotion CLI and Studio settings. speakerframe/config picks the local Chromium (Debian: /usr/bin/chromium, or
// $SPEAKERFRAME_BROWSER), so Remotion does not download Chrome Headless Shell.
import { Config } from "@remotion/cli/config";
import { browserOptions } from "speakerframe/config";

const browser = browserOptions();
if (browser.browserExecutable) Config.setBrowserExecutable(browser.browserExecutable);
Config.setChromeMode(browser.chromeMode);
Config.setVideoImageFormat("jpeg");
