// `speakerframe demo`: fetch the models and the demo media (mirrors first), build a two-speaker landscape clip,
// analyse it (cached), render the short and a preview PNG of the timeline (faces, scores, camera path) with
// source and short frames side by side.
import { copyFile, writeFile } from "node:fs/promises";
import { makeFolder } from "../../io/make-folder";
import { join, resolve } from "node:path";
import { fetchModels } from "../../analysis/models/fetch-models";
import { CancelledError } from "../../errors";
import { writeReport } from "../../report/write-report";
import { buildShortProps } from "../build-short-props";
import { preflightShort } from "../preflight-short";
import { renderShort, type RenderShortProgress } from "../render-short";
import { DEMO_DIR, DEMO_SRT as STUDIO_SRT, DEMO_TIMELINE, DEMO_VIDEO } from "../../compositions/demo-props";
import { buildDemoClip } from "./build-demo-clip";
import { fetchDemoMedia, mediaCacheDir } from "./fetch-demo-media";

export const DEMO_ASD_MODEL = "lrasd-talkset";
const DEMO_MODEL_FILES = ["yunet_n_dynamic.onnx", "lrasd_finetuning_TalkSet.model"];

/** Captions for the built clip (left guest 0-5 s, right guest 5-10 s), with one camera tag. */
export const DEMO_SRT = `1
00:00:00,200 --> 00:00:02,400
Welcome back to the show.

2
00:00:02,500 --> 00:00:04,800
Today: a camera that follows the speaker.

3
00:00:05,100 --> 00:00:07,400
Thanks, it is great to be here.

4
00:00:07,500 --> 00:00:09,800
[zoom 1.2] It cuts to whoever is talking.
`;

export interface RunDemoOptions {
  /** Folder for demo.mp4, demo-preview.png and demo.srt (default "out"). */
  outDir?: string;
  /**
   * Remotion public folder that gets demo/ with the clip, its analysed timeline and the SRT, for Studio's default
   * props (default "public" in the working folder; null: none).
   */
  publicDir?: string | null;
  /** Output size of the short (default 1080x1920). */
  size?: { width: number; height: number };
  /** Model mirror folder (default SPEAKERFRAME_MODEL_MIRROR; else the upstream URLs). */
  modelMirrorDir?: string;
  /** Media mirror folder (default SPEAKERFRAME_MEDIA_MIRROR; else the upstream URLs). */
  mediaMirrorDir?: string;
  modelCacheDir?: string;
  /** Timeline cache folder. */
  cacheDir?: string;
  /** Media cache folder (default SPEAKERFRAME_CACHE/media). */
  mediaCacheDir?: string;
  signal?: AbortSignal;
  onStep?: (step: string) => void;
  onProgress?: (progress: RenderShortProgress) => void;
}

export interface RunDemoResult {
  short: string;
  preview: string;
  srt: string;
  landscape: string;
  timelinePath: string | null;
  seconds: Record<"fetch" | "build" | "analysis" | "render" | "preview", number>;
}

export async function runDemo(options: RunDemoOptions = {}): Promise<RunDemoResult> {
  const outDir = resolve(options.outDir ?? "out");
  const step = options.onStep ?? (() => undefined);
  const seconds = { fetch: 0, build: 0, analysis: 0, render: 0, preview: 0 };
  const timed = async <T>(name: keyof typeof seconds, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    const result = await work();
    seconds[name] = Math.round((performance.now() - t0) / 100) / 10;
    if (options.signal?.aborted) throw new CancelledError("demo interrupted");
    return result;
  };
  step("fetching models and demo media");
  const media = await timed("fetch", async () => {
    const models = await fetchModels({
      cacheDir: options.modelCacheDir,
      mirrorDir: options.modelMirrorDir,
      files: DEMO_MODEL_FILES,
      signal: options.signal,
    });
    const { buildCachedAsdModels } = await import("../../analysis/models/build-cached-asd-models");
    await buildCachedAsdModels({ cacheDir: models.cacheDir, ids: [DEMO_ASD_MODEL] });
    return fetchDemoMedia({
      mirrorDir: options.mediaMirrorDir,
      cacheDir: options.mediaCacheDir,
      signal: options.signal,
    });
  });
  step("building the two-speaker clip");
  const clip = await timed("build", () =>
    buildDemoClip({
      left: media["videoretalking_face_2.mp4"]!,
      right: media["videoretalking_face_3.mp4"]!,
      cacheDir: mediaCacheDir(options.mediaCacheDir),
      signal: options.signal,
    }),
  );
  await makeFolder(outDir);
  const srt = join(outDir, "demo.srt");
  await writeFile(srt, DEMO_SRT);
  const short = join(outDir, "demo.mp4");
  step("analysing and rendering");
  const rendered = await renderShort({
    input: clip.path,
    output: short,
    srt,
    overrides: options.size ? { output: options.size } : undefined,
    analysis: { model: DEMO_ASD_MODEL, modelCacheDir: options.modelCacheDir, cacheDir: options.cacheDir },
    signal: options.signal,
    onProgress: options.onProgress,
  });
  seconds.analysis = Math.round(rendered.analysisSeconds * 10) / 10;
  seconds.render = Math.round(rendered.renderSeconds * 10) / 10;
  const publicDir = options.publicDir === undefined ? resolve("public") : options.publicDir;
  if (publicDir !== null && rendered.timelinePath) {
    step(`writing the Studio demo into ${join(publicDir, DEMO_DIR)}`);
    await writeStudioDemo({ publicDir, clip: clip.path, timeline: rendered.timelinePath });
  }
  step("drawing the preview");
  const preview = join(outDir, "demo-preview.png");
  const { readTimelineFile } = await import("../../timeline/timeline-file");
  const timeline = await readTimelineFile(rendered.timelinePath!);
  // The plan the short was rendered with (size, SRT tags), for the camera path.
  const { plan } = preflightShort({
    props: buildShortProps({
      src: clip.path,
      timeline,
      srtText: DEMO_SRT,
      words: null,
      startSeconds: 0,
      endSeconds: null,
      template: rendered.template,
    }),
    timeline,
    srtText: DEMO_SRT,
    words: null,
    srtOrigin: srt,
  });
  await timed("preview", () =>
    writeReport({
      timeline,
      output: preview,
      video: clip.path,
      short: { path: short, clipStartSeconds: rendered.clip.startSeconds },
      plan,
      title: "speakerframe demo: two guests, the camera follows the speaker",
      signal: options.signal,
    }),
  );
  return { short, preview, srt, landscape: clip.path, timelinePath: rendered.timelinePath, seconds };
}

/** public/demo/: the clip, its analysed timeline and the SRT that Root.tsx's default props name; never committed. */
async function writeStudioDemo(input: { publicDir: string; clip: string; timeline: string }): Promise<void> {
  await makeFolder(join(input.publicDir, DEMO_DIR));
  await writeFile(join(input.publicDir, DEMO_DIR, ".gitignore"), "# Written by `speakerframe demo`.\n*\n");
  await copyFile(input.clip, join(input.publicDir, DEMO_VIDEO));
  await copyFile(input.timeline, join(input.publicDir, DEMO_TIMELINE));
  await writeFile(join(input.publicDir, STUDIO_SRT), DEMO_SRT);
}
