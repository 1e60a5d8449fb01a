// The camera planner with content regions (synthetic timelines): windows stay inside the framed face's tile,
// two people in different tiles become a split with each panel in its own tile, switches between tiles cut, a
// tile too small for the framing is drawn clipped over its blurred copy, and timelines without regions plan as
// before.
import { describe, expect, it } from "vitest";
import type { CameraPlan, ContentBounds, CropWindow } from "../src/compositions/camera/camera-types";
import { planCamera } from "../src/compositions/camera/plan-camera";
import { prepareSpeakerShort } from "../src/compositions/prepare-speaker-short";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import { visibleRect } from "../src/compositions/CroppedVideo";
import type { Timeline } from "../src/timeline";
import { syntheticTimeline } from "./helpers/synthetic-timeline";

const SIZES = [
  { width: 1080, height: 1920 },
  { width: 1080, height: 1080 },
  { width: 1080, height: 1350 },
];

/** 1920x1080 call grid: 2x2 tiles of 940x520 with 20 px gaps and margins. */
const TILES: ContentBounds[] = [
  { x: 20, y: 20, width: 930, height: 510 },
  { x: 970, y: 20, width: 930, height: 510 },
  { x: 20, y: 550, width: 930, height: 510 },
  { x: 970, y: 550, width: 930, height: 510 },
];

/** A face in the middle of each tile; `faceHeight` px tall. */
function gridTimeline(faceHeight = 150, speech = [{ id: 0, from: 0, to: 6 }]): Timeline {
  const timeline = syntheticTimeline({
    seconds: 6,
    faces: TILES.map((t, id) => ({
      id,
      box: {
        x: t.x + t.width / 2 - faceHeight * 0.4,
        y: t.y + t.height * 0.45 - faceHeight / 2,
        width: faceHeight * 0.8,
        height: faceHeight,
      },
      noisePx: 2,
    })),
    speech,
  });
  timeline.shots[0]!.contentRegions = TILES;
  return timeline;
}

const inside = (w: CropWindow, r: ContentBounds, slack = 0.01) =>
  w.x >= r.x - slack &&
  w.y >= r.y - slack &&
  w.x + w.width <= r.x + r.width + slack &&
  w.y + w.height <= r.y + r.height + slack;

const sameRect = (a: ContentBounds | null | undefined, b: ContentBounds) =>
  !!a && a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;

function expectPanelsInTiles(plan: CameraPlan) {
  for (const frame of plan.frames) {
    const panels: [CropWindow, ContentBounds | null | undefined, number | undefined][] = [
      [frame.window, frame.region, frame.trackIds[0]],
    ];
    if (frame.lowerWindow) panels.push([frame.lowerWindow, frame.lowerRegion, frame.trackIds[1]]);
    for (const [window, region, trackId] of panels) {
      const tile = TILES[trackId!]!;
      expect(sameRect(region, tile), `frame at ${frame.sourceSeconds} s: region of track ${trackId}`).toBe(
        true,
      );
      expect(inside(window, tile), `window ${JSON.stringify(window)} inside ${JSON.stringify(tile)}`).toBe(
        true,
      );
    }
  }
}

describe("camera with content regions", () => {
  it("keeps every window inside the speaker's tile at 9:16, 1:1 and 4:5, zooming in as needed", () => {
    for (const output of SIZES) {
      const plan = planCamera({ timeline: gridTimeline(200), output, fps: 25 });
      expectPanelsInTiles(plan);
      const open = planCamera({
        timeline: { ...gridTimeline(200), shots: [{ startFrame: 0, endFrame: 150 }] },
        output,
        fps: 25,
      });
      // 1:1 and 4:5 windows of the unconstrained framing are taller than a tile: the tile's framing zooms in.
      if (output.width === output.height)
        expect(plan.frames[0]!.window.zoom).toBeGreaterThan(open.frames[0]!.window.zoom);
    }
  });

  it("cuts (never pans) between speakers in different tiles", () => {
    const speech = [
      { id: 0, from: 0, to: 3 },
      { id: 1, from: 3, to: 6 },
    ];
    const plan = planCamera({ timeline: gridTimeline(150, speech), output: SIZES[0]!, fps: 25 });
    expectPanelsInTiles(plan);
    const moves = plan.events.filter((e) => e.type !== "hold");
    expect(moves.map((e) => e.type)).toEqual(["cut"]);
  });

  it("frames two people in different tiles as a split, each panel in its own tile", () => {
    for (const output of SIZES) {
      const plan = planCamera({
        timeline: gridTimeline(),
        output,
        fps: 25,
        directives: [
          { startSeconds: 1, endSeconds: 5, force: { kind: "two-shot" }, label: "cue 1 [two-shot]" },
        ],
      });
      const split = plan.frames.filter((f) => f.layout === "split");
      expect(split.length).toBeGreaterThan(50);
      expectPanelsInTiles(plan);
    }
  });

  it("gives up the framing's margins for full-bleed while the face fits the tile", () => {
    // A face 400 px tall in a 510 px tile: its margins would need a taller window; the tile's full height it is.
    const plan = planCamera({ timeline: gridTimeline(400), output: SIZES[0]!, fps: 25 });
    expectPanelsInTiles(plan);
    expect(plan.frames[10]!.window.height).toBeCloseTo(TILES[0]!.height, 6);
  });

  it("draws a tile too small for the face clipped to the tile, over its own blurred copy", () => {
    // A face 480 px tall (384 wide) in a 510 px tile: wider than 1.2 x the 287 px of a 9:16 window inside it.
    const timeline = gridTimeline(480);
    const prepared = prepareSpeakerShort({
      props: { ...DEMO_PROPS, timeline, srt: "", words: null, output: SIZES[0]! },
    });
    const frame = prepared.plan.frames[10]!;
    expect(frame.window.height).toBeGreaterThan(TILES[0]!.height);
    expect(sameRect(frame.region, TILES[0]!)).toBe(true);
    expect(prepared.backgroundSpans.length).toBeGreaterThan(0);
    // Only the tile's part of the window is drawn: a rectangle strictly inside the output.
    const shown = visibleRect(frame.window, SIZES[0]!, frame.region);
    expect(shown.bottom - shown.top).toBeLessThan(SIZES[0]!.height);
    const scale = SIZES[0]!.width / frame.window.width;
    expect(shown.top).toBeCloseTo(Math.max(0, (TILES[0]!.y - frame.window.y) * scale), -0.5);
  });

  it("plans timelines without regions (older analyses) exactly as before", () => {
    const withRegions = gridTimeline();
    const without = {
      ...withRegions,
      shots: withRegions.shots.map(({ startFrame, endFrame }) => ({ startFrame, endFrame })),
    };
    const whole = {
      ...withRegions,
      shots: withRegions.shots.map((s) => ({
        ...s,
        contentRegions: [{ x: 0, y: 0, width: 1920, height: 1080 }],
      })),
    };
    const a = planCamera({ timeline: without, output: SIZES[0]!, fps: 25 });
    const b = planCamera({ timeline: whole, output: SIZES[0]!, fps: 25 });
    expect(b.frames.map((f) => f.window)).toEqual(a.frames.map((f) => f.window));
    expect(a.frames.every((f) => f.region === null)).toBe(true);
  });
});
