// Content-region detection on synthetic frames: textured moving content, flat still padding with encoder-like
// noise. Layouts: full frame, letterbox, pillarbox, a 2x2 grid with gaps, an uneven grid, and a plain wall above a
// head (which must not read as a bar).
import { describe, expect, it } from "vitest";
import { createContentRegionDetector } from "../src/analysis/regions/create-content-region-detector";
import type { RegionRect } from "../src/analysis/regions/detect-content-regions";

const W = 480;
const H = 270;

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Painter {
  /** Colour of a content pixel at (x, y) in frame `f`, or null for padding. */
  (x: number, y: number, f: number): [number, number, number] | null;
}

/** Frames of `painter` with padding colour `pad`, ±2 levels of noise everywhere. */
function frames(painter: Painter, count: number, pad: [number, number, number] = [20, 22, 26]): Uint8Array[] {
  const random = mulberry32(7);
  return Array.from({ length: count }, (_, f) => {
    const out = new Uint8Array(W * H * 3);
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const colour = painter(x, y, f) ?? pad;
        for (let c = 0; c < 3; c++)
          out[(y * W + x) * 3 + c] = Math.max(0, Math.min(255, colour[c]! + Math.round(4 * random() - 2)));
      }
    return out;
  });
}

/** A textured, slowly moving picture (stands in for footage). */
const texture = (x: number, y: number, f: number): [number, number, number] => {
  const v = 128 + 60 * Math.sin((x + 2 * f) / 7) * Math.cos((y - f) / 5) + 30 * Math.sin((x * y) / 900);
  return [v, 255 - v, (v * 0.7 + 40) % 256];
};

const inside = (r: RegionRect, x: number, y: number) =>
  x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height;

function detect(painter: Painter, source = { width: W, height: H }, pad?: [number, number, number]) {
  const detector = createContentRegionDetector({
    width: W,
    height: H,
    sourceWidth: source.width,
    sourceHeight: source.height,
  });
  for (const frame of frames(painter, 12, pad)) detector.push(frame);
  return detector.take();
}

/** Each detected region lies inside its expected tile, covering at least `cover` of it, one region per tile. */
function expectTiles(found: RegionRect[], tiles: RegionRect[], cover = 0.95) {
  expect(found).toHaveLength(tiles.length);
  for (const tile of tiles) {
    const match = found.find((r) => inside(tile, r.x + r.width / 2, r.y + r.height / 2));
    expect(match, `a region in ${JSON.stringify(tile)}`).toBeDefined();
    expect(match!.x).toBeGreaterThanOrEqual(tile.x);
    expect(match!.y).toBeGreaterThanOrEqual(tile.y);
    expect(match!.x + match!.width).toBeLessThanOrEqual(tile.x + tile.width);
    expect(match!.y + match!.height).toBeLessThanOrEqual(tile.y + tile.height);
    expect((match!.width * match!.height) / (tile.width * tile.height)).toBeGreaterThan(cover);
  }
}

const tilePainter =
  (tiles: RegionRect[]): Painter =>
  (x, y, f) =>
    tiles.some((t) => inside(t, x, y)) ? texture(x, y, f) : null;

describe("content regions", () => {
  it("a full-frame picture is one region, the whole frame, in source px", () => {
    expect(detect(texture, { width: 1920, height: 1080 })).toEqual([
      { x: 0, y: 0, width: 1920, height: 1080 },
    ]);
  });

  it("removes letterbox bars (2.39:1 inside 16:9)", () => {
    const pictureHeight = Math.round(W / 2.39);
    const top = Math.round((H - pictureHeight) / 2);
    const tile = { x: 0, y: top, width: W, height: pictureHeight };
    const found = detect(tilePainter([tile]), undefined, [0, 0, 0]);
    expectTiles(found, [tile]);
    expect(found[0]!.x).toBe(0);
    expect(found[0]!.width).toBe(W);
  });

  it("removes pillarbox bars (a vertical clip inside 16:9)", () => {
    const width = Math.round((H * 9) / 16);
    const tile = { x: Math.round((W - width) / 2), y: 0, width, height: H };
    expectTiles(detect(tilePainter([tile]), undefined, [0, 0, 0]), [tile]);
  });

  it("removes pillarbox bars around a picture whose own background is as dark as the bars", () => {
    // A phone clip of someone in a dark room: black above the shoulders, the body reaching both sides below.
    const width = Math.round((H * 9) / 16);
    const tile = { x: Math.round((W - width) / 2), y: 0, width, height: H };
    const painter: Painter = (x, y, f) =>
      inside(tile, x, y)
        ? y < 150 && Math.hypot(x - 240, y - 110) > 40
          ? [0, 0, 0]
          : texture(x, y, f)
        : null;
    expectTiles(detect(painter, undefined, [0, 0, 0]), [tile]);
  });

  it("finds the four tiles of a 2x2 call grid with gaps and margins", () => {
    const tiles = [
      { x: 6, y: 6, width: 232, height: 126 },
      { x: 242, y: 6, width: 232, height: 126 },
      { x: 6, y: 138, width: 232, height: 126 },
      { x: 242, y: 138, width: 232, height: 126 },
    ];
    expectTiles(detect(tilePainter(tiles)), tiles);
  });

  it("finds the tiles of an uneven layout (one large tile beside two stacked)", () => {
    const tiles = [
      { x: 0, y: 0, width: 300, height: 270 },
      { x: 306, y: 0, width: 174, height: 132 },
      { x: 306, y: 138, width: 174, height: 132 },
    ];
    expectTiles(detect(tilePainter(tiles), undefined, [240, 240, 240]), tiles);
  });

  it("keeps a plain still wall above a head as picture, not a bar", () => {
    // The wall is the top 45 % with the same colour everywhere; a round head and shoulders rise into it.
    const wall: [number, number, number] = [90, 110, 160];
    const painter: Painter = (x, y, f) => {
      const head = Math.hypot((x - 240) / 50, (y - 110) / 60) < 1;
      const shoulders = y > 160 && Math.abs(x - 240) < 150;
      if (head || shoulders || y > 122) return texture(x, y, f);
      return wall;
    };
    expect(detect(painter)).toEqual([{ x: 0, y: 0, width: W, height: H }]);
  });

  it("a frame of padding only has no regions; a shot with no frames is the whole frame", () => {
    expect(detect(() => null)).toEqual([]);
    const detector = createContentRegionDetector({
      width: W,
      height: H,
      sourceWidth: 1280,
      sourceHeight: 720,
    });
    expect(detector.take()).toEqual([{ x: 0, y: 0, width: 1280, height: 720 }]);
  });
});
