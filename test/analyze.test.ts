// End-to-end analysis on real media: one decode, shots, YuNet, tracks, LR-ASD scores, timeline.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeVideo } from "../src/analysis/analyze-video";
import { readAudio } from "../src/analysis/ffmpeg/read-audio";
import { computeFrameLevels } from "../src/analysis/audio/compute-frame-levels";
import { evaluateTimeline, labelledActiveSpeakers } from "../src/analysis/evaluation/evaluate-timeline";
import { cameraMetrics, planCamera } from "../src/compositions/camera";
import { parseSpeakerLabels } from "../src/analysis/evaluation/parse-speaker-labels";
import { serializeTimeline } from "../src/timeline/timeline-file";
import type { Timeline } from "../src/timeline";
import { SHARED_MEDIA } from "./helpers/paths";

const clip = join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.mp4");
const labels = join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.labels.csv");

describe("analyzeVideo on the labelled two-speaker clip", () => {
  let timeline: Timeline;
  const stages = new Set<string>();
  beforeAll(async () => {
    timeline = await analyzeVideo({ input: clip, device: "cpu", onProgress: (p) => stages.add(p.stage) });
  });

  it("finds the hard cut at frame 252 and no other", () => {
    expect(timeline.shots.length).toBe(2);
    expect(Math.abs(timeline.shots[1]!.startFrame - 252)).toBeLessThanOrEqual(1);
    expect(timeline.analysis.frameCount).toBe(404);
  });

  it("tracks two faces in shot 1 and one in shot 2, never across the cut", () => {
    expect(timeline.tracks.filter((t) => t.shot === 0)).toHaveLength(2);
    expect(timeline.tracks.filter((t) => t.shot === 1)).toHaveLength(1);
    for (const track of timeline.tracks) {
      const shot = timeline.shots[track.shot]!;
      expect(track.startFrame).toBeGreaterThanOrEqual(shot.startFrame);
      expect(track.startFrame + track.frameCount).toBeLessThanOrEqual(shot.endFrame);
    }
    // Each track sits inside its labelled tile.
    const left = timeline.tracks.find((t) => t.shot === 0 && t.boxes[0]! < 640)!;
    expect(left.boxes[0]).toBeGreaterThanOrEqual(60);
    expect(left.boxes[0]! + left.boxes[2]!).toBeLessThanOrEqual(620);
  });

  it("reports progress through every stage", () => {
    expect([...stages]).toEqual(expect.arrayContaining(["probe", "audio", "frames", "finish"]));
  });

  it("measures frame-level speaker accuracy and AP against the labels", () => {
    const result = evaluateTimeline(timeline, parseSpeakerLabels(readFileSync(labels, "utf8")));
    console.log(
      `labelled clip: frame accuracy ${(100 * result.frameAccuracy).toFixed(1)}%, AP ${result.averagePrecision.toFixed(3)}`,
    );
    // Issue 4's acceptance: ≥ 95%. Measured 99.5%, 402 of 404 frames: frames 250-251 are blank (no face on
    // screen). 95.0% with the turn change where the sync evidence puts it (18 frames late), 63.1% without the sync
    // head. See BENCHMARKS.md.
    const solo = result.segments.find((s) => s.face === "center")!;
    expect(solo.correctFrames / solo.frames).toBe(1);
    expect(result.frameAccuracy).toBeGreaterThanOrEqual(0.95);
    // The sync head picks the face whose lips match the voice in the first turn.
    const firstTurn = result.segments.find((s) => s.face === "left" && s.speaking)!;
    expect(firstTurn.correctFrames / firstTurn.frames).toBeGreaterThanOrEqual(0.95);
    expect(timeline.analysis.sync).toMatchObject({ model: "lrasd-talkset", windowFrames: 75 });
    expect(timeline.tracks.every((t) => t.sync?.length === t.frameCount)).toBe(true);
  });

  it("changes speaker where the second voice starts, after the pause between the turns", () => {
    // The soundtrack switches voices at frame 126, after 0.3 s of silence (frames 118-125).
    const changes = [...timeline.activeSpeaker.keys()].filter(
      (f) => f > 0 && timeline.activeSpeaker[f] !== timeline.activeSpeaker[f - 1],
    );
    expect(changes[0]).toBe(126);
    expect(timeline.analysis.turnPauses).toEqual({
      maxShiftFrames: 25,
      minPauseFrames: 5,
      silenceBelowPeakDb: 20,
    });
  });

  it("names a speaker on the last frame, which MFCC framing leaves unscored", () => {
    const solo = timeline.tracks.find((t) => t.shot === 1)!;
    expect(solo.startFrame + solo.frameCount).toBe(404);
    expect(solo.scores.at(-1)).not.toBeNull();
    expect(timeline.activeSpeaker.at(-1)).toBe(solo.id);
  });

  it("frames the labelled speaker with a camera planned on the analysis (issue 5)", () => {
    const truth = labelledActiveSpeakers(timeline, parseSpeakerLabels(readFileSync(labels, "utf8")));
    for (const output of [
      { width: 1080, height: 1920 },
      { width: 1080, height: 1350 },
      { width: 1080, height: 1080 },
    ]) {
      const plan = planCamera({ timeline, output, fps: 30 });
      const metrics = cameraMetrics({ plan, timeline: { ...timeline, activeSpeaker: truth } });
      console.log(
        `labelled clip, camera on the analysis, ${output.width}x${output.height}: labelled speaker inside ${(100 * metrics.speakerInsideFraction).toFixed(1)}% of ${metrics.speakingFrames} speaking frames`,
      );
      // Issue 5's acceptance: ≥ 98%. Measured 99.2% at each size: the 4 missed output frames are the camera's
      // anticipation, cutting to the second speaker 0.1 s before the labelled turn. 96.3% when the analysis left
      // the turn change 18 frames late.
      expect(metrics.speakerInsideFraction).toBeGreaterThanOrEqual(0.98);
      // One voice at a time, so no two-shot: the muted face's moving lips are out of sync with the soundtrack.
      expect(plan.frames.every((f) => f.layout === "single")).toBe(true);
      expect(metrics.switches).toBe(1);
    }
  });

  it("gives byte-identical JSON when run twice", async () => {
    const again = await analyzeVideo({ input: clip, device: "cpu" });
    expect(serializeTimeline(again)).toBe(serializeTimeline(timeline));
  });
});

describe("analyzeVideo on single talking heads", () => {
  // face_1 is tested apart below: by its own audio it talks on only ~76 % of its frames.
  for (const n of [2, 3, 4, 5]) {
    it(`videoretalking_face_${n}: one track, speaking ≥ 90% of frames`, async () => {
      const timeline = await analyzeVideo({
        input: join(SHARED_MEDIA, `videoretalking_face_${n}.mp4`),
        device: "cpu",
      });
      expect(timeline.tracks).toHaveLength(1);
      const speaking = timeline.activeSpeaker.filter((id) => id === 0).length / timeline.analysis.frameCount;
      console.log(`face_${n}: speaking ${(100 * speaking).toFixed(1)}%`);
      expect(speaking).toBeGreaterThanOrEqual(0.9);
      if (n !== 2 && n !== 3) return;
      // Faces 2 and 3 are held out of the sync head's fit: their lips match their own audio.
      const sync = timeline.tracks[0]!.sync!.filter((v): v is number => v !== null);
      const meanSync = sync.reduce((a, b) => a + b, 0) / sync.length;
      console.log(`face_${n}: mean sync ${meanSync.toFixed(2)}`);
      expect(meanSync).toBeGreaterThan(0.2);
    });
  }

  // The issue asks ≥ 90 % speaking of every face clip, and "none when nobody speaks". face_1 cannot have both: it
  // ends in 1.4 s of silence over frozen frames (a VFR gap). So its speech is measured from its own soundtrack,
  // and the timeline is held to that: speaking through the talk (a natural pause inside it included, as the
  // labelled clip's segment-level labels count pauses), and nobody in the trailing silence.
  it("videoretalking_face_1: speaking while it talks, nobody in its trailing silence", async () => {
    const input = join(SHARED_MEDIA, "videoretalking_face_1.mp4");
    const timeline = await analyzeVideo({ input, device: "cpu" });
    expect(timeline.tracks).toHaveLength(1);
    const frames = timeline.analysis.frameCount;
    const samples = await readAudio({ input, sampleRate: 16_000 });
    const levels = computeFrameLevels({
      samples,
      samplesPerFrame: 16_000 / timeline.analysis.fps,
      frameCount: frames,
    });
    // A frame past the end of the audio (NaN) counts as unvoiced, as digital silence would.
    const decibels = Array.from(levels, (db) => (Number.isFinite(db) ? db : 0));
    const peak = [...decibels].sort((a, b) => a - b)[Math.floor(0.95 * (frames - 1))]!;
    const voiced = decibels.map((db) => db > peak - 20);
    // The longest unvoiced run is the trailing silence (frames 114–149; speech is 55–70 dB, this is 33–40 dB).
    let silence = { start: 0, end: 0 };
    for (let f = 0, start = 0; f <= frames; f++) {
      if (f < frames && !voiced[f]) continue;
      if (f - start > silence.end - silence.start) silence = { start, end: f };
      start = f + 1;
    }
    expect(silence.end - silence.start).toBeGreaterThanOrEqual(30);
    expect(silence.end).toBeGreaterThan(frames - 10);

    const speaking = timeline.activeSpeaker.map((id) => id === 0);
    const share = (from: number, to: number) => speaking.slice(from, to).filter(Boolean).length / (to - from);
    const voicedShare = voiced.filter(Boolean).length / frames;
    console.log(
      `face_1: voiced ${(100 * voicedShare).toFixed(1)}% of frames, speaking ${(100 * share(0, frames)).toFixed(1)}%`,
    );
    expect(share(0, silence.start)).toBeGreaterThanOrEqual(0.95);
    // Scores are averaged over 1–6 s chunks, so the decision may trail the last word by up to 0.6 s.
    const tail = Math.round(0.6 * timeline.analysis.fps);
    expect(share(silence.start + tail, silence.end)).toBe(0);
  });
});

describe("analyzeVideo options", () => {
  it("analyses a sub-range and honours an abort", async () => {
    const part = await analyzeVideo({
      input: join(SHARED_MEDIA, "videoretalking_face_3.mp4"),
      device: "cpu",
      startSeconds: 1,
      durationSeconds: 2,
    });
    expect(part.analysis.frameCount).toBe(50);
    expect(part.analysis.startSeconds).toBe(1);
    const controller = new AbortController();
    const run = analyzeVideo({
      input: clip,
      device: "cpu",
      signal: controller.signal,
      onProgress: (p) => p.frame > 30 && controller.abort(),
    });
    await expect(run).rejects.toThrow(/interrupted/);
  });

  it("scoring 'fast' records itself, moves scores slightly and keeps the speaking decision", async () => {
    const input = join(SHARED_MEDIA, "tiwater_pycrop_00000.avi");
    const [exact, fast] = [
      await analyzeVideo({ input, device: "cpu", durationSeconds: 12 }),
      await analyzeVideo({ input, device: "cpu", durationSeconds: 12, scoring: "fast" }),
    ];
    expect(exact.analysis.asd.scoring).toBe("exact");
    expect(fast.analysis.asd.scoring).toBe("fast");
    const a = exact.tracks[0]!.scores;
    const b = fast.tracks[0]!.scores;
    expect(b).toHaveLength(a.length);
    const diffs = a.map((v, i) => Math.abs((v ?? 0) - (b[i] ?? 0)));
    expect(Math.max(...diffs)).toBeGreaterThan(0);
    expect(Math.max(...diffs)).toBeLessThan(1.5);
    // This speaker's scores sit near the threshold, the hard case: measured 94.7% of frames decided alike
    // (97.0% over the whole clip; 100% on the labelled two-speaker clip).
    const same = exact.activeSpeaker.filter((id, i) => id === fast.activeSpeaker[i]).length;
    expect(same / exact.activeSpeaker.length).toBeGreaterThanOrEqual(0.9);
    await expect(analyzeVideo({ input, model: "talknet", scoring: "fast" })).rejects.toThrow(
      /--scoring fast is for LR-ASD and Light-ASD/,
    );
  });
});
