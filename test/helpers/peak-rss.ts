// Peak resident memory of a CLI run: the environment that makes the node process report it on exit, and the reader.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const PRELOAD = pathToFileURL(join(dirname(fileURLToPath(import.meta.url)), "peak-rss-preload.mjs")).href;

export function peakRss(file: string): { env: Record<string, string>; megabytes: () => number } {
  rmSync(file, { force: true });
  return {
    env: {
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=${PRELOAD}`.trim(),
      SPEAKERFRAME_TEST_RSS_FILE: file,
    },
    megabytes: () => {
      if (!existsSync(file)) throw new Error(`the CLI wrote no peak RSS to ${file}`);
      return Number(readFileSync(file, "utf8")) / 1024;
    },
  };
}
