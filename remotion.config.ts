// Remotion CLI config (`npx remotion studio|render src/compositions/index.ts ...`). Node API callers pass the same
// browser settings from src/compositions/render/browser-options.ts.
import { Config } from "@remotion/cli/config";
import { browserOptions } from "./src/compositions/render/browser-options";
import { bindServersToLoopback } from "./src/render/bind-servers-to-loopback";

// Studio and the render server listen on 127.0.0.1 only and answer only loopback Host/Origin (see the module).
bindServersToLoopback();

const browser = browserOptions();
if (browser.browserExecutable) Config.setBrowserExecutable(browser.browserExecutable);
Config.setChromeMode(browser.chromeMode);
// OpenGL renderer left at Chromium's default: software compositing is twice as fast as "swangle" here.
Config.setEntryPoint("src/compositions/index.ts");
Config.setVideoImageFormat("jpeg");
Config.setCodec("h264");
Config.setOverwriteOutput(true);
