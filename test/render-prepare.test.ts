// What SpeakerShort draws, without rendering: clip snapping, tags -> layers, caption pages, errors.
import { describe, expect, it } from "vitest";
import { DEMO_PROPS } from "../src/compositions/demo-props";
import { DEMO_SRT_TEXT } from "../src/compositions/demo/prepare-demo";
import { prepareSpeakerShort } from "../src/compositions/prepare-speaker-short";
import { labelsTimeline } from "./helpers/synthetic-timeline";

const timeline = labelsTimeline();
const base = { ...DEMO_PROPS, timeline, srt: DEMO_SRT_TEXT, words: null };

describe("prepareSpeakerShort", () => {
  it("plans the whole demo: duration, split for [two-shot], captions from the SRT", () => {
    const prepared = prepareSpeakerShort({ props: base });
    expect(prepared.clip).toMatchObject({ fps: 25, durationInFrames: 404, trimBeforeFrames: 0 });
    expect(prepared.plan.frames).toHaveLength(404);
    // Cue 4 [two-shot] 7.6-10.0 s: the stacked split (faces far apart), drawn by a second layer; it extends to
    // the shot cut at 10.08 s rather than flash the other framing for 2 frames.
    expect(prepared.splitSpans).toEqual([{ from: 190, to: 252 }]);
    expect(prepared.plan.twoPersonLayouts[0]).toMatchObject({ chosen: "split" });
    expect(prepared.backgroundSpans).toEqual([]);
    expect(prepared.pages[0]).toMatchObject({ text: "Welcome back to", startMs: 300 });
    expect(prepared.pages.every((p) => p.tokens.length <= 3)).toBe(true);
    expect(prepared.warnings).toEqual([]);
  });

  it("snaps the clip to whole frames and shifts clip-relative SRT times", () => {
    const prepared = prepareSpeakerShort({
      props: {
        ...base,
        srt: "1\n00:00:01,000 --> 00:00:02,000\n[wide] Whole frame\n",
        srtTimes: "clip",
        clipStartSeconds: 3.51,
        clipEndSeconds: 6.51,
        fps: 30,
      },
    });
    expect(prepared.clip).toMatchObject({
      trimBeforeFrames: 105,
      startSeconds: 3.5,
      durationInFrames: 90,
      fps: 30,
    });
    // [wide] from clip second 1 to 2 = output frames 30-60: the whole frame over a blurred background.
    const span = prepared.backgroundSpans.find((s) => s.from <= 45 && s.to > 45)!;
    expect(span.from).toBeLessThanOrEqual(30);
    expect(span.to).toBeGreaterThanOrEqual(60);
    expect(prepared.plan.frames[45]!.window.width).toBeGreaterThanOrEqual(1280);
    expect(prepared.pages[0]).toMatchObject({ startMs: 4500, text: "Whole frame" });
  });

  it("uses word timings when given, and reports bad input clearly", () => {
    const words = [
      { text: " Hello", startMs: 1000, endMs: 1300, timestampMs: null, confidence: null },
      { text: " there", startMs: 1300, endMs: 1700, timestampMs: null, confidence: null },
    ];
    const prepared = prepareSpeakerShort({ props: { ...base, words } });
    expect(prepared.pages.map((p) => p.text)).toEqual(["Hello there"]);
    expect(() =>
      prepareSpeakerShort({
        props: { ...base, srt: "9\n00:00:01,000 --> 00:00:02,000\n[zoom x]\n" },
        srtOrigin: "my.srt",
      }),
    ).toThrow(/^my\.srt cue 9: zoom factor is not a number in tag "\[zoom x\]"/);
    expect(() =>
      prepareSpeakerShort({ props: { ...base, clipStartSeconds: 20, clipEndSeconds: null } }),
    ).toThrow(/clip 20\.\.end s is empty \(source ends at 16\.16 s\)/);
  });

  it("warns (not fails) when a forced speaker is not visible", () => {
    const prepared = prepareSpeakerShort({
      props: { ...base, srt: "1\n00:00:01,000 --> 00:00:02,000\n[speaker 2] hi\n" },
    });
    expect(prepared.warnings).toEqual([
      "cue 1 [speaker 2] at 1.00 s ignored: track 2 is not visible then (visible: 0, 1)",
    ]);
  });

  it("lists the first three ignored tags and counts the rest in one line", () => {
    const cues = Array.from(
      { length: 12 },
      (_, i) =>
        `${i + 1}\n00:00:0${Math.floor(i / 2)},${i % 2 ? "500" : "000"} --> 00:00:0${Math.floor(i / 2)},${i % 2 ? "900" : "400"}\n[speaker 7] hi`,
    );
    const prepared = prepareSpeakerShort({ props: { ...base, srt: cues.join("\n\n") } });
    expect(prepared.warnings).toHaveLength(4);
    expect(prepared.warnings.slice(0, 3).every((w) => / ignored: track 7 is not visible/.test(w))).toBe(true);
    expect(prepared.warnings[3]).toBe("… and 9 more ignored camera tags (first at 00:00:01,500)");
  });
});
