// Preloaded into a CLI run (NODE_OPTIONS=--import) by peak-rss.ts: writes the process's peak RSS in KiB on exit.
import { writeFileSync } from "node:fs";
import process from "node:process";

process.on("exit", () =>
  writeFileSync(process.env.SPEAKERFRAME_TEST_RSS_FILE, String(process.resourceUsage().maxRSS)),
);
