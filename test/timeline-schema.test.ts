import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  alignTimelineToSource,
  parseTimeline,
  TIMELINE_SCHEMA_VERSION,
  type Timeline,
} from "../src/timeline";
import { timelineJsonSchema } from "../src/timeline/timeline-json-schema";
import { REPO_ROOT } from "./helpers/paths";

export function minimalTimeline(): Timeline {
  return {
    schemaVersion: TIMELINE_SCHEMA_VERSION,
    generator: { name: "speakerframe", version: "0.0.0" },
    source: {
      path: "a.mp4",
      sha256: "0".repeat(64),
      width: 1280,
      height: 720,
      rotation: 0,
      fps: { num: 25, den: 1 },
      variableFrameRate: false,
      durationSeconds: 0.12,
      hasAudio: true,
    },
    analysis: {
      fps: 25,
      frameCount: 3,
      detector: { model: "yunet", sha256: "x", inputWidth: 640, scoreThreshold: 0.6, detectEvery: 1 },
      asd: {
        model: "lrasd-talkset",
        sha256: "y",
        durations: [1, 2, 3, 4, 5, 6],
        scoring: "exact",
        smoothingFrames: 5,
      },
      vad: null,
      startSeconds: 0,
      sync: null,
      shotThreshold: 27,
      speakingThreshold: 0,
      decision: null,
      device: "cpu",
      fallbacks: [],
    },
    shots: [{ startFrame: 0, endFrame: 3 }],
    tracks: [
      { id: 0, shot: 0, startFrame: 0, frameCount: 3, boxes: Array(12).fill(10), scores: [0.5, null, 1] },
    ],
    evidence: null,
    activeSpeaker: [0, -1, 0],
  };
}

describe("timeline schema", () => {
  it("accepts a valid timeline", () => {
    expect(parseTimeline(minimalTimeline()).tracks).toHaveLength(1);
  });

  it("names the bad field", () => {
    const bad = minimalTimeline();
    bad.tracks[0]!.boxes.pop();
    expect(() => parseTimeline(bad, "t.json")).toThrow(
      /t\.json: field tracks\.0\.boxes has 11 numbers, expected 4 \* frameCount = 12/,
    );
    const wrongType = { ...minimalTimeline(), source: { ...minimalTimeline().source, width: "wide" } };
    expect(() => parseTimeline(wrongType)).toThrow(/field source\.width/);
  });

  it("reads timelines written before startSeconds, sync and scoring existed", () => {
    const legacy = structuredClone(minimalTimeline()) as unknown as {
      analysis: Record<string, unknown> & { asd: Record<string, unknown> };
    };
    delete legacy.analysis.startSeconds;
    delete legacy.analysis.sync;
    delete legacy.analysis.asd.scoring;
    const parsed = parseTimeline(legacy, "old.json");
    expect(parsed.analysis.startSeconds).toBe(0);
    expect(parsed.analysis.sync).toBeNull();
    expect(parsed.analysis.asd.scoring).toBe("exact");
  });

  it("names a sync column of the wrong length", () => {
    const bad = minimalTimeline();
    bad.tracks[0]!.sync = [0.5];
    expect(() => parseTimeline(bad, "t.json")).toThrow(/tracks\.0\.sync/);
  });

  it("shifts a timeline analysed from a later start onto the source's frame grid", () => {
    const late = minimalTimeline();
    late.analysis.startSeconds = 2;
    const aligned = alignTimelineToSource(late);
    expect(aligned.analysis.startSeconds).toBe(0);
    expect(aligned.analysis.frameCount).toBe(53);
    expect(aligned.shots).toEqual([
      { startFrame: 0, endFrame: 50 },
      { startFrame: 50, endFrame: 53 },
    ]);
    expect(aligned.tracks[0]).toMatchObject({ shot: 1, startFrame: 50 });
    expect(aligned.activeSpeaker.slice(48)).toEqual([-1, -1, 0, -1, 0]);
    expect(() => parseTimeline(aligned, "aligned")).not.toThrow();
    expect(alignTimelineToSource(minimalTimeline())).toEqual(minimalTimeline());
  });

  it("refuses a timeline from a newer schema version with the fix", () => {
    const newer = { ...minimalTimeline(), schemaVersion: TIMELINE_SCHEMA_VERSION + 1 };
    expect(() => parseTimeline(newer, "t.json")).toThrow(
      /schemaVersion 3, newer than .*upgrade speakerframe/,
    );
  });

  it("refuses a timeline from before the stored evidence with the command that upgrades it", () => {
    const older = { ...minimalTimeline(), schemaVersion: 1 };
    expect(() => parseTimeline(older, "t.json")).toThrow(
      /t\.json has schemaVersion 1, from an older speakerframe; .*re-run `speakerframe analyze`/,
    );
  });

  it("matches the committed JSON Schema (regenerate with scripts/write-timeline-schema.ts)", () => {
    const committed = JSON.parse(readFileSync(join(REPO_ROOT, "schema", "timeline.schema.json"), "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(timelineJsonSchema())));
  });
});
