// Issue 20's acceptance on real media: a 2x2 call grid with gaps, a letterboxed 2.39:1 clip, a pillarboxed
// vertical clip and the labelled two-speaker clip are analysed (regions come from the analysis decode), planned
// and rendered at 9:16, 1:1 and 4:5. Every planned panel shows only its person's tile (checked against the known
// layout); rendered frames have no uniform band of 1 % or more at any edge; rendered pixels follow the plan.
import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeVideo } from "../src/analysis/analyze-video";
import type { CameraFrame, ContentBounds, CropWindow } from "../src/compositions/camera/camera-types";
import { prepareSpeakerShort, type PreparedSpeakerShort } from "../src/compositions/prepare-speaker-short";
import type { SpeakerShortProps } from "../src/compositions/speaker-short-schema";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import type { Timeline } from "../src/timeline";
import {
  callGridClip,
  letterboxedClip,
  pillarboxedClip,
  type PaddedClip,
  type Tile,
} from "./helpers/padded-media";
import {
  bundleCompositions,
  correlation,
  frameRgb,
  publicDirWith,
  renderSpeakerShort,
  tempDir,
} from "./helpers/render-helpers";
import { SYNTHETIC_CLIP, SYNTHETIC_TILES } from "./helpers/synthetic-timeline";
import { edgeBands, hasEdgeBand } from "./helpers/edge-bands";

const SECONDS = 3;
/** Output fps of the test renders: few frames, same camera. */
const FPS = 10;
const SIZES = [
  { label: "9:16", width: 270, height: 480 },
  { label: "1:1", width: 270, height: 270 },
  { label: "4:5", width: 272, height: 340 },
];
/** Output seconds sampled from every render. */
const SAMPLES = [0.15, 0.85, 1.55, 2.25, 2.85];

interface Case {
  clip: PaddedClip;
  startSeconds: number;
  srt: string;
  timeline?: Timeline;
}

/** A [two-shot] in the middle: two people in different tiles become a split, each panel in its own tile. */
const twoShotSrt = (start: number) => `1
00:00:${(start + 1.2).toFixed(3).padStart(6, "0").replace(".", ",")} --> 00:00:${(start + 2.1)
  .toFixed(3)
  .padStart(6, "0")
  .replace(".", ",")}
[two-shot]
`;

const cases: Case[] = [
  { clip: callGridClip(SECONDS), startSeconds: 0, srt: twoShotSrt(0) },
  { clip: letterboxedClip(SECONDS), startSeconds: 0, srt: "" },
  { clip: pillarboxedClip(SECONDS), startSeconds: 0, srt: "" },
  {
    // Around the speaker switch at 5.04 s.
    clip: {
      name: "labelled two-speaker",
      path: SYNTHETIC_CLIP,
      width: 1280,
      height: 720,
      tiles: [SYNTHETIC_TILES.left, SYNTHETIC_TILES.right],
      perPersonTiles: true,
    },
    startSeconds: 3.54,
    srt: twoShotSrt(3.54),
  },
];

const propsFor = (c: Case, size: { width: number; height: number }): SpeakerShortProps => ({
  ...DEMO_PROPS,
  src: c.clip.path.split("/").at(-1)!,
  timeline: JSON.stringify(c.timeline),
  srt: c.srt,
  clipStartSeconds: c.startSeconds,
  clipEndSeconds: c.startSeconds + SECONDS,
  output: size,
  fps: FPS,
  captions: { enabled: false },
});

const prepare = (c: Case, size: { width: number; height: number }) =>
  prepareSpeakerShort({ props: { ...propsFor(c, size), timeline: c.timeline!, srt: c.srt, words: null } });

const intersect = (a: ContentBounds, b: ContentBounds): ContentBounds => {
  const x = Math.max(a.x, b.x);
  const y = Math.max(a.y, b.y);
  return {
    x,
    y,
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - x),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - y),
  };
};

/** The panels of a frame: window, region, framed track and output height. */
function panelsOf(frame: CameraFrame, output: { width: number; height: number }) {
  const split = frame.layout === "split" && frame.lowerWindow;
  const panels: {
    window: CropWindow;
    region: ContentBounds | null;
    trackId: number | undefined;
    height: number;
  }[] = [
    { window: frame.window, region: frame.region ?? null, trackId: frame.trackIds[0], height: output.height },
  ];
  if (split) {
    panels[0]!.height = output.height / 2;
    panels.push({
      window: frame.lowerWindow!,
      region: frame.lowerRegion ?? null,
      trackId: frame.trackIds[1],
      height: output.height / 2,
    });
  }
  return panels;
}

/** The known tile holding a track (its median face centre). */
function tileOf(c: Case, trackId: number): Tile {
  const track = c.timeline!.tracks.find((t) => t.id === trackId)!;
  const middle = Math.floor(track.frameCount / 2);
  const [x, y, w, h] = track.boxes.slice(4 * middle, 4 * middle + 4) as [number, number, number, number];
  const cx = x + w / 2;
  const cy = y + h / 2;
  const tile = c.clip.tiles.find((t) => cx >= t.x && cx < t.x + t.width && cy >= t.y && cy < t.y + t.height);
  if (!tile) throw new Error(`track ${trackId} of ${c.clip.name} is in no tile`);
  return tile;
}

describe("content regions on real media", () => {
  const dirs: string[] = [];
  let serveUrl: string;
  const renders = new Map<string, string>();

  beforeAll(async () => {
    for (const c of cases) {
      c.timeline = await analyzeVideo({
        input: c.clip.path,
        device: "cpu",
        startSeconds: c.startSeconds,
        durationSeconds: SECONDS,
      });
    }
    const publicDir = publicDirWith(cases.map((c) => c.clip.path));
    const out = tempDir("regions");
    dirs.push(publicDir, out);
    serveUrl = await bundleCompositions(publicDir);
    dirs.push(serveUrl);
    for (const c of cases) {
      for (const size of SIZES) {
        const output = join(out, `${c.clip.name.replace(/\W+/g, "-")}-${size.width}x${size.height}.mp4`);
        await renderSpeakerShort({ serveUrl, inputProps: propsFor(c, size), output, x264Preset: "veryfast" });
        renders.set(`${c.clip.name} ${size.label}`, output);
      }
    }
  }, 900_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("finds each clip's tiles in the analysis: inside the known layout, covering most of it", () => {
    for (const c of cases) {
      const regions = c.timeline!.shots[0]!.contentRegions!;
      expect(regions, c.clip.name).toHaveLength(c.clip.tiles.length);
      for (const tile of c.clip.tiles) {
        const found = regions.find((r) => {
          const overlap = intersect(r, tile);
          return overlap.width * overlap.height > 0.5 * r.width * r.height;
        });
        expect(found, `${c.clip.name}: a region for ${JSON.stringify(tile)}`).toBeDefined();
        const inside = intersect(found!, tile);
        expect(inside.width * inside.height, `${c.clip.name}: region inside its tile`).toBe(
          found!.width * found!.height,
        );
        // The pillarboxed phone clip's own black ceiling is padding too (a uniform band), so 85 % there.
        expect((found!.width * found!.height) / (tile.width * tile.height)).toBeGreaterThan(0.85);
      }
    }
  });

  it("the checks below can fail: the sources have bars, and planning without regions leaves the tiles", async () => {
    for (const c of cases) {
      const rgb = await frameRgb({ file: c.clip.path, seconds: c.startSeconds + 1, width: 320, height: 180 });
      expect(hasEdgeBand(edgeBands(rgb, 320, 180), 320, 180), c.clip.name).toBe(true);
    }
    const grid = cases[0]!;
    const timeline = grid.timeline!;
    const blind = {
      ...timeline,
      shots: timeline.shots.map(({ startFrame, endFrame }) => ({ startFrame, endFrame })),
    };
    const plan = prepare({ ...grid, timeline: blind }, SIZES[1]!).plan;
    const leaves = plan.frames.some((frame) =>
      panelsOf(frame, SIZES[1]!).some((panel) => {
        if (panel.trackId === undefined) return false;
        const tile = tileOf(grid, panel.trackId);
        const w = panel.window;
        return (
          w.x < tile.x ||
          w.y < tile.y ||
          w.x + w.width > tile.x + tile.width ||
          w.y + w.height > tile.y + tile.height
        );
      }),
    );
    expect(leaves).toBe(true);
  });

  it("plans every panel inside the framed person's tile at 9:16, 1:1 and 4:5", () => {
    for (const c of cases) {
      for (const size of SIZES) {
        const prepared = prepare(c, size);
        let splitFrames = 0;
        for (const [f, frame] of prepared.plan.frames.entries()) {
          if (frame.layout === "split") splitFrames++;
          for (const panel of panelsOf(frame, size)) {
            if (panel.trackId === undefined) continue; // no face framed: the whole picture
            const tile = c.clip.perPersonTiles ? tileOf(c, panel.trackId) : c.clip.tiles[0]!;
            const shown = intersect(panel.window, panel.region ?? { x: 0, y: 0, width: 1280, height: 720 });
            // One output px of rounding at the clip edge.
            const slack = panel.window.width / size.width;
            const where = `${c.clip.name} ${size.label} frame ${f}`;
            expect(shown.x, where).toBeGreaterThanOrEqual(tile.x - slack);
            expect(shown.y, where).toBeGreaterThanOrEqual(tile.y - slack);
            expect(shown.x + shown.width, where).toBeLessThanOrEqual(tile.x + tile.width + slack);
            expect(shown.y + shown.height, where).toBeLessThanOrEqual(tile.y + tile.height + slack);
          }
        }
        if (c.srt)
          expect(splitFrames, `${c.clip.name} ${size.label}: the two-shot is a split`).toBeGreaterThan(0);
      }
    }
  });

  it("renders frames without a uniform band of 1 % or more at any edge", async () => {
    for (const c of cases) {
      for (const size of SIZES) {
        const file = renders.get(`${c.clip.name} ${size.label}`)!;
        for (const seconds of SAMPLES) {
          const rgb = await frameRgb({ file, seconds, width: size.width, height: size.height });
          const bands = edgeBands(rgb, size.width, size.height);
          const where = `${c.clip.name} ${size.label} at ${seconds} s: ${JSON.stringify(bands)}`;
          expect(hasEdgeBand(bands, size.width, size.height), where).toBe(false);
        }
      }
    }
  });

  it("renders what the plan shows: each sampled panel matches its planned crop of the source", async () => {
    for (const c of cases) {
      for (const size of SIZES) {
        const file = renders.get(`${c.clip.name} ${size.label}`)!;
        const prepared: PreparedSpeakerShort = prepare(c, size);
        const seconds = SAMPLES[2]!;
        const frame = prepared.plan.frames[Math.round(seconds * FPS)]!;
        for (const [p, panel] of panelsOf(frame, size).entries()) {
          const shown = intersect(panel.window, panel.region ?? { x: 0, y: 0, width: 1280, height: 720 });
          const scale = size.width / panel.window.width;
          const crop = {
            x: (shown.x - panel.window.x) * scale,
            y: p * (size.height / 2) + (shown.y - panel.window.y) * scale,
            width: shown.width * scale,
            height: Math.min(shown.height * scale, panel.height - 4),
          };
          const sample = { width: 24, height: 24 };
          const rendered = await frameRgb({ file, seconds, ...sample, crop });
          const expected = await frameRgb({
            file: c.clip.path,
            seconds: c.startSeconds + seconds,
            ...sample,
            crop: { ...shown, height: crop.height / scale },
          });
          expect(correlation(rendered, expected), `${c.clip.name} ${size.label} panel ${p}`).toBeGreaterThan(
            0.8,
          );
        }
      }
    }
  });
});
