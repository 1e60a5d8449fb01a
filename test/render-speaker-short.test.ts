// A real render: 3 s of the synthetic two-speaker clip around the speaker switch at 5.04 s, 270x480, through the
// Node API with the local Chromium. Checks the file with ffprobe and the pixels against the source crops.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareSpeakerShort } from "../src/compositions/prepare-speaker-short";
import type { SpeakerShortProps } from "../src/compositions/speaker-short-schema";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import {
  bundleCompositions,
  correlation,
  ffprobe,
  frameRgb,
  publicDirWith,
  renderSpeakerShort,
  tempDir,
  type RenderResult,
} from "./helpers/render-helpers";
import { labelsTimeline, SYNTHETIC_CLIP, SYNTHETIC_SWITCH_SECONDS } from "./helpers/synthetic-timeline";

const CLIP_START = 3.54;
const CLIP_END = 6.54;
const SRT = `1
00:00:03,600 --> 00:00:04,900
First speaker here.

2
00:00:05,040 --> 00:00:06,500
[zoom 1.2] Second speaker now.
`;

const props: SpeakerShortProps = {
  ...DEMO_PROPS,
  src: "synthetic_two_speakers_alternating_1280x720.mp4",
  timeline: JSON.stringify(labelsTimeline()),
  srt: SRT,
  clipStartSeconds: CLIP_START,
  clipEndSeconds: CLIP_END,
  output: { width: 270, height: 480 },
};

describe("SpeakerShort render", () => {
  const dirs: string[] = [];
  let result: RenderResult;

  beforeAll(async () => {
    const publicDir = publicDirWith([SYNTHETIC_CLIP]);
    const out = tempDir("render");
    dirs.push(publicDir, out);
    const serveUrl = await bundleCompositions(publicDir);
    dirs.push(serveUrl);
    result = await renderSpeakerShort({ serveUrl, inputProps: props, output: join(out, "short.mp4") });
  }, 300_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("has the requested size, duration and an audio track", async () => {
    expect(result.fps).toBe(25);
    expect(result.durationInFrames).toBe(75);
    const probe = await ffprobe(result.output);
    const video = probe.streams.find((s) => s.codec_type === "video")!;
    const audio = probe.streams.find((s) => s.codec_type === "audio");
    expect(video).toMatchObject({ codec_name: "h264", width: 270, height: 480 });
    expect(Number(probe.format.duration)).toBeGreaterThan(2.9);
    expect(Number(probe.format.duration)).toBeLessThan(3.15);
    expect(audio?.codec_name).toBe("aac");
  });

  it("shows the left speaker before the switch and the right speaker after", async () => {
    const prepared = prepareSpeakerShort({
      props: { ...props, timeline: labelsTimeline(), srt: SRT, words: null },
    });
    // Compare the top 55% of the output (captions sit lower) with the same part of the planned crop and of the
    // mirrored crop on the other tile (tiles are symmetric about x = 640).
    const size = { width: 27, height: 26 };
    for (const outputSeconds of [0.6, 2.4]) {
      const sourceSeconds = CLIP_START + outputSeconds;
      const window = prepared.plan.frames[Math.round(outputSeconds * 25)]!.window;
      const part = { ...window, height: window.height * 0.55 };
      const rendered = await frameRgb({
        file: result.output,
        seconds: outputSeconds,
        ...size,
        crop: { x: 0, y: 0, width: 270, height: 480 * 0.55 },
      });
      const expected = await frameRgb({ file: SYNTHETIC_CLIP, seconds: sourceSeconds, ...size, crop: part });
      const mirrored = await frameRgb({
        file: SYNTHETIC_CLIP,
        seconds: sourceSeconds,
        ...size,
        crop: { ...part, x: 1280 - part.x - part.width },
      });
      const same = correlation(rendered, expected);
      const other = correlation(rendered, mirrored);
      const side = sourceSeconds < SYNTHETIC_SWITCH_SECONDS ? "left" : "right";
      expect(window.x + window.width / 2 < 640 ? "left" : "right").toBe(side);
      expect(same, `${side} at ${sourceSeconds} s: correlation with planned crop`).toBeGreaterThan(0.85);
      expect(same - other, `${side} at ${sourceSeconds} s: planned vs other tile`).toBeGreaterThan(0.2);
    }
  });
});
