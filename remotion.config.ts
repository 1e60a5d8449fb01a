// Remotion CLI config (`npx remotion studio|render src/compositions/index.ts ...`). Node API callers pass the same
// browser settings from src/compositions/render/browser-options.ts.
import { Config } from "@remotion/cli/config";
import { existsSync } from "node:fs";
import { browserOptions } from "./src/compositions/render/browser-options";
import { DEMO_COMMAND, DEMO_TIMELINE } from "./src/compositions/demo-props";
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

// The default props name public/demo/, which `npm run demo` fills. Without it a render would fail deep in the
// browser (sometimes as "ProtocolError: Target closed"): say what to run instead. Studio shows the same line.
const args = process.argv.slice(2);
const rendering = ["render", "still", "compositions"].some((command) => args.includes(command));
const ownInputs = args.some((arg) => arg.startsWith("--props") || arg.startsWith("--public-dir"));
if (rendering && !ownInputs && !existsSync(`public/${DEMO_TIMELINE}`)) {
  console.error(`speakerframe: public/${DEMO_TIMELINE} is missing; run \`${DEMO_COMMAND}\` first`);
  process.exit(1);
}
