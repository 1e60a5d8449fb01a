// The planner on the synthetic two-speaker clip's ground-truth timeline (labels CSV). The lead will swap in the
// real analysed timeline later: these thresholds are the acceptance bar for both.
import { describe, expect, it } from "vitest";
import { cameraMetrics, planCamera } from "../src/compositions/camera";
import {
  labelsTimeline,
  SYNTHETIC_CUT_SECONDS,
  SYNTHETIC_SWITCH_SECONDS,
} from "./helpers/synthetic-timeline";

const timeline = labelsTimeline();

describe("camera on the synthetic two-speaker clip (labels timeline)", () => {
  for (const [output, fps] of [
    [{ width: 1080, height: 1920 }, 30],
    [{ width: 1080, height: 1920 }, 25],
    [{ width: 1080, height: 1080 }, 30],
    [{ width: 1080, height: 1350 }, 30],
  ] as const) {
    it(`keeps the speaker's face in the window >= 98% of speaking time at ${output.width}x${output.height} ${fps} fps`, () => {
      const plan = planCamera({ timeline, output, fps });
      const metrics = cameraMetrics({ plan, timeline });
      expect(metrics.speakerInsideFraction).toBeGreaterThanOrEqual(0.98);
      expect(metrics.switches).toBe(1);
      expect(metrics.shotCuts).toBe(1);
      expect(metrics.maxAccelerationOutputPxPerS2).toBeLessThan(1);

      const cuts = plan.events.filter((e) => e.type === "cut");
      expect(cuts).toHaveLength(2);
      // Speaker switch: a cut (tiles are far apart), just before 5.04 s so the first word is on screen.
      expect(cuts[0]!.startSeconds).toBeLessThanOrEqual(SYNTHETIC_SWITCH_SECONDS);
      expect(cuts[0]!.startSeconds).toBeGreaterThan(SYNTHETIC_SWITCH_SECONDS - 0.25);
      // Shot cut exactly at 10.08 s.
      expect(cuts[1]!.reason).toMatch(/^shot boundary/);
      expect(Math.abs(cuts[1]!.startSeconds - SYNTHETIC_CUT_SECONDS)).toBeLessThan(1 / fps + 1e-9);
    });
  }

  it("frames the left tile before the switch and the right tile after", () => {
    const plan = planCamera({ timeline, output: { width: 270, height: 480 }, fps: 25 });
    const centre = (seconds: number) => {
      const w = plan.frames[Math.round(seconds * 25)]!.window;
      return w.x + w.width / 2;
    };
    expect(centre(4)).toBeLessThan(640);
    expect(centre(6)).toBeGreaterThan(640);
  });
});
