// The --debug overlay draws the shot's content regions (one dashed rectangle per tile, placed through the panel's
// window), rendered with React's server renderer from a real plan.
import type { ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { DebugOverlay } from "../src/compositions/DebugOverlay";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import { prepareSpeakerShort } from "../src/compositions/prepare-speaker-short";
import { syntheticTimeline } from "./helpers/synthetic-timeline";

// react-dom ships no types here (@types/react-dom is not a dependency): the one function used, typed locally.
const REACT_DOM_SERVER = "react-dom/server";
const { renderToStaticMarkup } = (await import(REACT_DOM_SERVER)) as {
  renderToStaticMarkup(element: ReactElement): string;
};

describe("debug overlay", () => {
  it("draws each content region of the shot through the camera window", () => {
    const timeline = syntheticTimeline({
      seconds: 3,
      faces: [
        { id: 0, box: { x: 400, y: 200, width: 160, height: 200 } },
        { id: 1, box: { x: 1360, y: 200, width: 160, height: 200 } },
      ],
      speech: [{ id: 0, from: 0, to: 3 }],
    });
    const regions = [
      { x: 20, y: 20, width: 930, height: 1040 },
      { x: 970, y: 20, width: 930, height: 1040 },
    ];
    timeline.shots[0]!.contentRegions = regions;
    const prepared = prepareSpeakerShort({
      props: { ...DEMO_PROPS, timeline, srt: "", words: null, output: { width: 1080, height: 1920 } },
    });
    const html = renderToStaticMarkup(<DebugOverlay prepared={prepared} frame={10} timeline={timeline} />);
    const drawn = html.match(/data-debug="content-region"/g) ?? [];
    expect(drawn).toHaveLength(2);
    // The framed tile's left edge, in output px through the window.
    const window = prepared.plan.frames[10]!.window;
    const expected = ((regions[0]!.x - window.x) * 1080) / window.width;
    const lefts = [
      ...html.matchAll(/data-debug="content-region" style="position:absolute;left:([-\d.e]+)px/g),
    ];
    expect(lefts).toHaveLength(2);
    expect(Number(lefts[0]![1])).toBeCloseTo(expected, 2);
  });
});
