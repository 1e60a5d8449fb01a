// linkPeople, resolveFollow and the planner's follow mode on synthetic tracks: fast, no media.
import { describe, expect, it } from "vitest";
import {
  linkPeople,
  PERSON_CONFIDENT_LINK,
  PERSON_LINK_DISTANCE,
  type LinkPeopleTrack,
} from "../src/decision/link-people";
import {
  FOLLOW_MATCH_DISTANCE,
  followFromFaceMatch,
  matchPersonByFace,
  parsePersonId,
  resolveFollow,
} from "../src/decision/resolve-follow";
import { decideTimeline } from "../src/decision/decide-timeline";
import { parseTimeline } from "../src/timeline/parse-timeline";
import { planCamera } from "../src/compositions/camera";
import { parseCueTags } from "../src/srt/parse-cue-tags";
import type { Timeline } from "../src/timeline";
import { buildReportHtml } from "../src/report/build-report-html";

/** A unit vector near axis `axis` of 128, nudged by `noise` along axis `axis + 64`. */
function face(axis: number, noise = 0): number[] {
  const v = new Array<number>(128).fill(0);
  v[axis] = Math.sqrt(1 - noise * noise);
  v[(axis + 64) % 128] = noise;
  return v;
}

const track = (
  id: number,
  shot: number,
  start: number,
  embedding?: number[],
  frames = 50,
): LinkPeopleTrack => ({
  id,
  shot,
  startFrame: start,
  frameCount: frames,
  ...(embedding ? { embedding } : {}),
});

describe("linkPeople", () => {
  it("links the same face across shots and keeps different faces apart", () => {
    const people = linkPeople([
      track(0, 0, 0, face(1)),
      track(1, 1, 50, face(2)),
      track(2, 2, 100, face(1, 0.1)),
      track(3, 2, 100, face(2, 0.15)),
      track(4, 3, 150, face(3)),
    ]);
    expect(people.map((p) => p.tracks.map((l) => l.track))).toEqual([[0, 2], [1, 3], [4]]);
    expect(people.map((p) => p.id)).toEqual([1, 2, 3]);
    for (const p of people)
      for (const l of p.tracks) expect(l.confidence).toBeGreaterThan(PERSON_CONFIDENT_LINK);
  });

  it("never links two tracks on screen at the same time in one shot, however alike", () => {
    const people = linkPeople([track(0, 0, 0, face(1)), track(1, 0, 20, face(1, 0.01))]);
    expect(people).toHaveLength(2);
    // The same faces one after the other in the shot (a track broken by a dropout) are linked.
    expect(linkPeople([track(0, 0, 0, face(1), 20), track(1, 0, 30, face(1, 0.01))])).toHaveLength(1);
  });

  it("does not link faces further apart than the threshold, and keeps unsure links separate", () => {
    // Distance of face(1) to face(1, n) is about n for small n.
    expect(
      linkPeople([track(0, 0, 0, face(1)), track(1, 1, 60, face(1, PERSON_LINK_DISTANCE + 0.05))]),
    ).toHaveLength(2);
    // Just under the threshold: the margin to it is tiny, so the link is unsure and not made.
    expect(
      linkPeople([track(0, 0, 0, face(1)), track(1, 1, 60, face(1, PERSON_LINK_DISTANCE - 0.005))]),
    ).toHaveLength(2);
  });

  it("links an hour's worth of tracks (1500, 8 people) in well under a few seconds", () => {
    let seed = 1;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const centres = Array.from({ length: 8 }, () => Array.from({ length: 128 }, () => random() - 0.5));
    const tracks = Array.from({ length: 1500 }, (_, i) =>
      track(
        i,
        Math.floor(i / 3),
        Math.floor(i / 3) * 100 + (i % 3) * 40,
        centres[i % 8]!.map((v) => v + (random() - 0.5) * 0.02),
        30,
      ),
    );
    const started = performance.now();
    const people = linkPeople(tracks);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(people).toHaveLength(8);
    for (const p of people) expect(new Set(p.tracks.map((l) => l.track % 8)).size).toBe(1);
  });

  it("makes tracks without embeddings people of their own", () => {
    const people = linkPeople([track(0, 0, 0), track(1, 1, 60, face(1)), track(2, 2, 120, face(1, 0.05))]);
    expect(people.map((p) => p.tracks.map((l) => l.track))).toEqual([[0], [1, 2]]);
  });
});

function syntheticTimeline(): Timeline {
  // Shot 0 (0..100): track 0 = person X alone. Shot 1 (100..200): track 1 = Y (left, speaking), track 2 = X (right).
  // Shot 2 (200..300): track 3 = Y alone.
  const box = (x: number) => [x, 200, 200, 200];
  const boxes = (x: number, n: number) => Array.from({ length: n }, () => box(x)).flat();
  const t = (id: number, shot: number, start: number, x: number, embedding: number[]) => ({
    id,
    shot,
    startFrame: start,
    frameCount: 100,
    boxes: boxes(x, 100),
    scores: new Array<number>(100).fill(0),
    embedding,
  });
  const active = new Array<number>(300).fill(-1);
  for (let f = 0; f < 100; f++) active[f] = 0;
  for (let f = 100; f < 200; f++) active[f] = 1;
  for (let f = 200; f < 300; f++) active[f] = 3;
  return parseTimeline({
    schemaVersion: 2,
    generator: { name: "speakerframe", version: "test" },
    source: {
      path: "x.mp4",
      sha256: "0".repeat(64),
      width: 1280,
      height: 720,
      rotation: 0,
      fps: { num: 25, den: 1 },
      variableFrameRate: false,
      durationSeconds: 12,
      hasAudio: true,
    },
    analysis: {
      fps: 25,
      frameCount: 300,
      detector: { model: "y", sha256: "y", inputWidth: 480, scoreThreshold: 0.6, detectEvery: 3 },
      asd: { model: "a", sha256: "a", durations: [1] },
      shotThreshold: 27,
      speakingThreshold: 0,
      faceEmbedding: { model: "faceapi-recognition", sha256: "f", dims: 128 },
      device: "cpu",
      fallbacks: [],
    },
    shots: [
      { startFrame: 0, endFrame: 100 },
      { startFrame: 100, endFrame: 200 },
      { startFrame: 200, endFrame: 300 },
    ],
    tracks: [
      t(0, 0, 0, 500, face(1)),
      t(1, 1, 100, 200, face(2)),
      t(2, 1, 100, 800, face(1, 0.05)),
      t(3, 2, 200, 500, face(2, 0.05)),
    ],
    activeSpeaker: active,
  });
}

describe("follow", () => {
  const timeline = decideTimeline({ timeline: syntheticTimeline() });

  it("people are decided when the timeline is decided; old timelines without them still parse", () => {
    expect(timeline.people!.map((p) => p.tracks.map((l) => l.track))).toEqual([
      [0, 2],
      [1, 3],
    ]);
    const { people: _people, ...withoutPeople } = timeline;
    expect(() => parseTimeline(withoutPeople)).not.toThrow();
  });

  it("resolves a person id, a time (the speaker then) and a face embedding", () => {
    expect(parsePersonId("P2")).toBe(2);
    expect(resolveFollow(timeline, "P1")!.trackIds).toEqual([0, 2]);
    expect(resolveFollow(timeline, "0:05")!.label).toBe("P2"); // frame 125: track 1 (Y) speaks
    expect(resolveFollow(timeline, "face.jpg")).toBeNull();
    expect(() => resolveFollow(timeline, "P9")).toThrow(/no person P9/);
    const match = matchPersonByFace(timeline, face(1, 0.03));
    expect(match.person!.id).toBe(1);
    expect(() => followFromFaceMatch("nobody.jpg", matchPersonByFace(timeline, face(7)))).toThrow(
      new RegExp(
        `^--follow nobody\\.jpg matches nobody in the video \\(closest distance 1\\.\\d\\d, threshold ${FOLLOW_MATCH_DISTANCE}\\)$`,
      ),
    );
  });

  it("a time in a pause means the person speaking within a second of it, on screen then", () => {
    // Shot 1 (frames 100..200): Y speaks to 130, a pause, X from 161; a 2.4 s pause elsewhere in the shot.
    const active = [...timeline.activeSpeaker];
    for (let f = 100; f < 200; f++) active[f] = f <= 130 ? 1 : f >= 161 ? 2 : -1;
    const paused = { ...timeline, activeSpeaker: active };
    expect(resolveFollow(paused, "0:05.4")).toMatchObject({
      label: "P2",
      how: "the speaker at 5.20 s, nearest to 0:05.4",
    });
    expect(resolveFollow(paused, "0:06.2")).toMatchObject({
      label: "P1",
      how: "the speaker at 6.44 s, nearest to 0:06.2",
    });
    // Track 0 speaks until frame 100 but is not on screen at 0:04.2 (another shot): not a candidate.
    for (let f = 100; f < 161; f++) active[f] = -1;
    expect(resolveFollow({ ...timeline, activeSpeaker: active }, "0:04.2")!.how).toBe(
      "the most prominent face at 0:04.2",
    );
  });

  it("the camera frames the followed person whenever on screen, even while someone else speaks", () => {
    const plan = planCamera({ timeline, output: { width: 540, height: 960 }, fps: 25, follow: "P1" });
    const shot1 = plan.frames.filter((f) => f.sourceSeconds >= 4 && f.sourceSeconds < 8);
    expect(shot1.every((f) => f.trackIds.length === 1 && f.trackIds[0] === 2)).toBe(true);
    // Off screen (shot 2): the active speaker by default, the whole frame with followFallback "wide".
    const shot2 = plan.frames.filter((f) => f.sourceSeconds >= 8);
    expect(shot2.every((f) => f.trackIds[0] === 3)).toBe(true);
    const wide = planCamera({
      timeline,
      output: { width: 540, height: 960 },
      fps: 25,
      follow: "P1",
      followFallback: "wide",
    });
    expect(wide.frames.filter((f) => f.sourceSeconds >= 8).every((f) => f.trackIds.length === 0)).toBe(true);
  });

  it("the report lists the people and each link's confidence", () => {
    const { html } = buildReportHtml({ timeline, plan: null });
    expect(html).toContain("2 people: P1 = tracks 0 (1.00), 2 (1.00); P2 = tracks 1 (1.00), 3 (1.00)");
    expect(html).toContain("track 2 = P1");
  });

  it("[speaker P2] and [follow P2] tags name people", () => {
    expect(parseCueTags({ text: "[speaker P2] hi", where: "cue 1" }).tags[0]).toMatchObject({
      name: "person",
      personId: 2,
    });
    expect(parseCueTags({ text: "[follow p1] hi", where: "cue 1" }).tags[0]).toMatchObject({
      name: "person",
      personId: 1,
    });
    expect(parseCueTags({ text: "[speaker 3] hi", where: "cue 1" }).tags[0]).toMatchObject({
      name: "speaker",
      trackId: 3,
    });
    expect(() => parseCueTags({ text: "[follow 2]", where: "cue 1" })).toThrow(/follow needs a person/);
    const plan = planCamera({
      timeline,
      output: { width: 540, height: 960 },
      fps: 25,
      directives: [
        {
          startSeconds: 4,
          endSeconds: 8,
          force: { kind: "person", personId: 1 },
          label: "cue 1 [follow P1]",
        },
      ],
    });
    expect(
      plan.frames
        .filter((f) => f.sourceSeconds >= 4.2 && f.sourceSeconds < 8)
        .every((f) => f.trackIds[0] === 2),
    ).toBe(true);
  });
});
