// Shot-cut detection on real decoded frames (256 px wide, 25 fps), as the pipeline will run it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createShotDetector } from "../src/analysis/shots/create-shot-detector";
import { detectShots } from "../src/analysis/shots/detect-shots";
import { rgbToHsv } from "../src/analysis/shots/rgb-to-hsv";
import { decodeFrames } from "./helpers/decode-frames";
import { SHARED_MEDIA } from "./helpers/paths";

async function* rgbFrames(file: string) {
  for await (const frame of decodeFrames({ path: join(SHARED_MEDIA, file), width: 256, fps: 25 })) {
    yield { rgb: frame.data, width: frame.width, height: frame.height };
  }
}

describe("detectShots", () => {
  it("finds exactly the hard cut at frame 252 of the synthetic two-speaker clip, not the audio switch at 126", async () => {
    const result = await detectShots({
      frames: rgbFrames("synthetic_two_speakers_alternating_1280x720.mp4"),
    });
    expect(result.frameCount).toBe(404);
    const top = Array.from(result.scores.subarray(1))
      .map((score, i) => ({ frame: i + 1, score }))
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map(({ frame, score }) => `${frame}: ${score.toFixed(1)}`);
    console.log(`shots synthetic: cuts ${JSON.stringify(result.cutFrames)}; top scores ${top.join(", ")}`);
    expect(result.cutFrames).toHaveLength(1);
    expect(Math.abs(result.cutFrames[0]! - 252)).toBeLessThanOrEqual(1);
    expect(result.scores[126]!).toBeLessThan(27);
  });

  it("finds no cut in a real single-shot talking-head clip", async () => {
    const result = await detectShots({ frames: rgbFrames("videoretalking_face_1.mp4") });
    const max = Math.max(...result.scores.subarray(1));
    console.log(`shots videoretalking_face_1: ${result.frameCount} frames, max score ${max.toFixed(1)}`);
    expect(result.frameCount).toBeGreaterThan(140);
    expect(result.cutFrames).toEqual([]);
  });
});

describe("createShotDetector", () => {
  const solid = (r: number, g: number, b: number) => ({
    rgb: Uint8Array.from({ length: 16 * 8 * 3 }, (_, i) => [r, g, b][i % 3]!),
    width: 16,
    height: 8,
  });

  it("drops a cut that would leave the first shot too short, and merges a too-short shot into the one before", () => {
    const detector = createShotDetector({ threshold: 27, minShotFrames: 15 });
    const pushed: boolean[] = [];
    for (let i = 0; i < 10; i++) pushed.push(detector.push(solid(0, 0, 0)));
    pushed.push(detector.push(solid(255, 255, 255))); // frame 10: first shot would be 10 frames: dropped
    for (let i = 11; i < 30; i++) pushed.push(detector.push(solid(255, 255, 255)));
    pushed.push(detector.push(solid(0, 0, 0))); // frame 30: cut
    expect(detector.cuts()).toEqual([30]);
    for (let i = 31; i < 33; i++) pushed.push(detector.push(solid(0, 0, 0)));
    pushed.push(detector.push(solid(255, 0, 0))); // frame 33: 30..32 is too short a shot: the cut moves to 33
    for (let i = 34; i < 60; i++) pushed.push(detector.push(solid(255, 0, 0)));
    pushed.push(detector.push(solid(0, 0, 255))); // frame 60: 27 frames after 33: a second cut
    expect(detector.cuts()).toEqual([33, 60]);
    expect(pushed.flatMap((cut, i) => (cut ? [i] : []))).toEqual([30, 33, 60]);
    expect(detector.frameCount()).toBe(61);
  });

  it("scores black → white as 255 / 3 (only V changes)", () => {
    const detector = createShotDetector();
    detector.push(solid(0, 0, 0));
    detector.push(solid(255, 255, 255));
    expect(detector.lastScore()).toBeCloseTo(85, 6);
  });
});

describe("rgbToHsv", () => {
  it("follows OpenCV's 8-bit ranges", () => {
    const colours = [
      [255, 0, 0, 0, 255, 255],
      [0, 255, 0, 60, 255, 255],
      [0, 0, 255, 120, 255, 255],
      [255, 0, 1, 180 - 0, 255, 255], // hue just below 360° rounds back to 0
      [255, 0, 20, 178, 255, 255], // -2.35 (half-degrees) wraps to 178
      [128, 128, 128, 0, 0, 128],
      [200, 100, 50, 10, 191, 200],
    ];
    const rgb = Uint8Array.from(colours.flatMap((c) => c.slice(0, 3)));
    const hsv = rgbToHsv({ rgb, width: colours.length, height: 1 });
    const got = colours.map((_, i) => [hsv.hue[i], hsv.saturation[i], hsv.value[i]]);
    expect(got).toEqual(colours.map((c) => [c[3]! % 180, c[4], c[5]]));
  });
});

describe("rgbToHsv lookup tables", () => {
  // The per-pixel arithmetic the tables hold (OpenCV's uint8 RGB→HSV), for every colour.
  const reference = (r: number, g: number, b: number): [number, number, number] => {
    const max = Math.max(r, g, b);
    const delta = max - Math.min(r, g, b);
    const saturation = Math.round(delta * (max === 0 ? 0 : 255 / max));
    const scale = delta === 0 ? 0 : 30 / delta;
    const h = max === r ? (g - b) * scale : max === g ? 60 + (b - r) * scale : 120 + (r - g) * scale;
    const rounded = Math.round(h);
    return [rounded < 0 ? rounded + 180 : rounded, saturation, max];
  };

  it("give the formula's bytes for all 2^24 colours", () => {
    const width = 4096;
    const rgb = new Uint8Array(width * 3);
    let mismatches = 0;
    for (let row = 0; row < 4096; row++) {
      for (let i = 0; i < width; i++) {
        const colour = row * width + i;
        rgb[3 * i] = colour >> 16;
        rgb[3 * i + 1] = (colour >> 8) & 255;
        rgb[3 * i + 2] = colour & 255;
      }
      const hsv = rgbToHsv({ rgb, width, height: 1 });
      for (let i = 0; i < width; i++) {
        const [h, s, v] = reference(rgb[3 * i]!, rgb[3 * i + 1]!, rgb[3 * i + 2]!);
        if (hsv.hue[i] !== h || hsv.saturation[i] !== s || hsv.value[i] !== v) mismatches++;
      }
    }
    expect(mismatches).toBe(0);
  });
});
