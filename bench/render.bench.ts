// Render cost of a captioned SpeakerShort versus the cheapest possible alternative, an ffmpeg-only static
// crop+scale of the same 12 s, same encoder (libx264, same crf and preset, AAC audio), in the same run.
// Target: Remotion render <= 3x ffmpeg. Notes and figures: bench/notes/render.md.
import { rmSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import { DEMO_SRT_TEXT } from "../src/compositions/demo/prepare-demo";
import { prepareSpeakerShort } from "../src/compositions/prepare-speaker-short";
import {
  bundleCompositions,
  ffmpeg,
  ffprobe,
  publicDirWith,
  renderSpeakerShort,
  tempDir,
} from "../test/helpers/render-helpers";
import { labelsTimeline, SYNTHETIC_CLIP } from "../test/helpers/synthetic-timeline";

const SECONDS = 12;

const OUTPUT = { width: 1080, height: 1920 };
/** Remotion's defaults (crf 18, x264 "medium"), then a fast preset where encoding weighs less. */
const SETTINGS = [
  { crf: 18, preset: "medium" },
  { crf: 23, preset: "veryfast" },
] as const;

export default async function renderBench(): Promise<string> {
  const dirs: string[] = [];
  try {
    const publicDir = publicDirWith([SYNTHETIC_CLIP]);
    const out = tempDir("bench-render");
    dirs.push(publicDir, out);
    const timeline = labelsTimeline();
    const props = {
      ...DEMO_PROPS,
      src: "synthetic_two_speakers_alternating_1280x720.mp4",
      timeline: JSON.stringify(timeline),
      srt: DEMO_SRT_TEXT,
      clipStartSeconds: 0,
      clipEndSeconds: SECONDS,
      output: OUTPUT,
    };
    // ffmpeg baseline: the first speaker's planned crop, held for the whole clip (ffmpeg cannot follow speakers).
    const w = prepareSpeakerShort({ props: { ...props, timeline, words: null } }).plan.frames[0]!.window;
    const crop = `crop=${Math.round(w.width)}:${Math.round(w.height)}:${Math.round(w.x)}:${Math.round(w.y)}`;

    const b0 = performance.now();
    const serveUrl = await bundleCompositions(publicDir);
    dirs.push(serveUrl);
    const bundleMs = performance.now() - b0;

    const seconds = (ms: number) => (ms / 1000).toFixed(1);
    const rows: string[] = [];
    for (const { crf, preset } of SETTINGS) {
      const ffmpegOut = join(out, `ffmpeg-${preset}.mp4`);
      const ffmpegRuns: number[] = [];
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        await ffmpeg([
          ...[
            "-t",
            String(SECONDS),
            "-i",
            SYNTHETIC_CLIP,
            "-vf",
            `${crop},scale=${OUTPUT.width}:${OUTPUT.height}`,
          ],
          ...[
            "-c:v",
            "libx264",
            "-crf",
            String(crf),
            "-preset",
            preset,
            "-pix_fmt",
            "yuv420p",
            "-c:a",
            "aac",
          ],
          ffmpegOut,
        ]);
        ffmpegRuns.push(performance.now() - t0);
      }
      const ffmpegMs = Math.min(...ffmpegRuns);
      const remotionOut = join(out, `remotion-${preset}.mp4`);
      const render = await renderSpeakerShort({
        serveUrl,
        inputProps: props,
        output: remotionOut,
        crf,
        x264Preset: preset,
      });
      const probe = await ffprobe(remotionOut);
      const video = probe.streams.find((s) => s.codec_type === "video");
      if (video?.width !== OUTPUT.width || video.height !== OUTPUT.height)
        throw new Error("bench render has the wrong size");
      rows.push(
        `| crf ${crf}, ${preset} | ${ffmpegRuns.map(seconds).join(" / ")} | ${seconds(render.renderMs)} | ` +
          `**${(render.renderMs / ffmpegMs).toFixed(2)}x** | ${((render.renderMs + bundleMs) / ffmpegMs).toFixed(2)}x |`,
      );
    }
    return [
      "## Render: SpeakerShort vs ffmpeg crop+scale",
      "",
      `12 s of synthetic_two_speakers_alternating_1280x720.mp4 (1 speaker switch, 1 shot cut, captions) to ` +
        `${OUTPUT.width}x${OUTPUT.height} 25 fps, libx264 + AAC, same crf and preset on both sides. ` +
        `${cpus().length} CPU cores, load ${loadavg()[0]!.toFixed(1)} at the end; Remotion concurrency default, ` +
        `bundle ${seconds(bundleMs)} s (webpack, cached).`,
      "",
      "| encoder | ffmpeg crop+scale, s (2 runs) | Remotion select+render, s | ratio (best ffmpeg run) | ratio incl. bundle |",
      "|---|---|---|---|---|",
      ...rows,
      "",
      "Target: ratio <= 3x.",
    ].join("\n");
  } finally {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}
