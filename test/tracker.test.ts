// The IoU tracker's shot-end rule (a face seen at the last detection pass is held to the shot's last frame) and
// box interpolation between detections.
import { describe, expect, it } from "vitest";
import { createFaceTracker, interpolatedBox, trackSpan } from "../src/analysis/tracking/create-face-tracker";

const box = { x: 100, y: 100, width: 50, height: 60 };

describe("createFaceTracker", () => {
  it("holds tracks seen at the latest detection pass to the shot's last frame, not others", () => {
    const tracker = createFaceTracker({ maxGapFrames: 10 });
    const other = { x: 400, y: 100, width: 50, height: 60 };
    for (let frame = 0; frame <= 249; frame += 3)
      tracker.update(
        frame,
        frame <= 240
          ? [
              { box, score: 1 },
              { box: other, score: 1 },
            ]
          : [{ box, score: 1 }],
      );
    tracker.cut(251);
    const spans = tracker.takeClosed().map(trackSpan);
    // The first face was detected at 249 (stride 3): held to 251. The second left after 240: not extended.
    expect(spans).toEqual([
      { startFrame: 0, endFrame: 251 },
      { startFrame: 0, endFrame: 240 },
    ]);
  });

  it("never extends a track without a last frame, and starts a new shot's ids after the old ones", () => {
    const tracker = createFaceTracker();
    tracker.update(0, [{ box, score: 1 }]);
    tracker.update(3, [{ box, score: 1 }]);
    tracker.cut();
    tracker.update(4, [{ box, score: 1 }]);
    const [first] = tracker.takeClosed();
    expect(trackSpan(first!)).toEqual({ startFrame: 0, endFrame: 3 });
    expect(tracker.openTracks[0]!.id).toBe(1);
    expect(tracker.openTracks[0]!.shot).toBe(1);
  });

  it("interpolates boxes between detections whatever the lookup order (hinted or not)", () => {
    const tracker = createFaceTracker({ maxGapFrames: 10 });
    // A long track (an hour at every 3rd frame would be 30 000 detections): x moves 1 px per frame.
    for (let frame = 0; frame <= 30_000; frame += 3)
      tracker.update(frame, [{ box: { ...box, x: frame }, score: 1 }]);
    tracker.cut(30_000);
    const [track] = tracker.takeClosed();
    const hint = { index: 0 };
    for (const frame of [29_999, 5, 6, 7, 15_001, 15_002, 30_000, 0, 12_345]) {
      expect(interpolatedBox(track!, frame).x).toBeCloseTo(frame, 9);
      expect(interpolatedBox(track!, frame, hint).x).toBeCloseTo(frame, 9);
    }
  });
});
