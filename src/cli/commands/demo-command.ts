import { Command } from "commander";
import { MEDIA_MIRROR_ENV } from "../../render/demo/fetch-demo-media";
import { runDemo } from "../../render/demo/run-demo";
import { cliSignal } from "../cli-signal";
import { interruptibleAction } from "../interruptible-action";
import { createStagedProgress, parseSize } from "./render-command";

export function demoCommand(): Command {
  return new Command("demo")
    .description(
      "fetch models and two talking-head clips, build a 10 s two-speaker landscape video, render out/demo.mp4 and out/demo-preview.png",
    )
    .option("-o, --out-dir <dir>", "where demo.mp4, demo-preview.png and demo.srt go", "out")
    .option("--size <WxH>", "short size in px, e.g. 540x960 for a faster run", "1080x1920")
    .option("--from <dir>", "model mirror folder instead of the network (env SPEAKERFRAME_MODEL_MIRROR)")
    .option("--media-from <dir>", `demo media mirror folder instead of the network (env ${MEDIA_MIRROR_ENV})`)
    .option("--model-cache <dir>", "model cache folder (env SPEAKERFRAME_MODEL_CACHE)")
    .option("--cache <dir>", "timeline cache folder (env SPEAKERFRAME_CACHE)")
    .option("--json", "print a JSON summary on stdout")
    .action(interruptibleAction("demo interrupted", demoAction));
}

async function demoAction(options: DemoCliOptions): Promise<void> {
  const progress = createStagedProgress(!options.json, "demo ");
  const result = await runDemo({
    outDir: options.outDir,
    size: parseSize("--size", options.size),
    modelMirrorDir: options.from,
    mediaMirrorDir: options.mediaFrom,
    modelCacheDir: options.modelCache,
    cacheDir: options.cache,
    signal: cliSignal(),
    onStep: (step) => {
      progress.stop();
      if (!options.json) process.stderr.write(`demo: ${step}\n`);
    },
    onProgress: (p) => progress.update(p),
  }).finally(() => progress.stop());
  if (options.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const s = result.seconds;
  process.stderr.write(
    `demo: fetch ${s.fetch} s, clip ${s.build} s, analysis ${s.analysis} s, render ${s.render} s, preview ${s.preview} s\n`,
  );
  process.stdout.write(`${result.short}\n${result.preview}\n`);
}

interface DemoCliOptions {
  outDir: string;
  size: string;
  from?: string;
  mediaFrom?: string;
  modelCache?: string;
  cache?: string;
  json?: boolean;
}
