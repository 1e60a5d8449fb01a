// Timelines for camera/composition tests: one from the synthetic clip's ground-truth labels, and a builder for
// noisy synthetic timelines (seeded, so every run sees the same noise).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { timelineFromLabels } from "../../src/compositions/demo/timeline-from-labels";
import { parseTimeline } from "../../src/timeline/parse-timeline";
import type { Timeline } from "../../src/timeline/timeline-schema";
import { SHARED_MEDIA } from "./paths";

export const SYNTHETIC_CLIP = join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.mp4");
export const SYNTHETIC_LABELS = join(SHARED_MEDIA, "synthetic_two_speakers_alternating_1280x720.labels.csv");
/** Speaker switch (left -> right) and shot cut of the synthetic clip, source seconds. */
export const SYNTHETIC_SWITCH_SECONDS = 5.04;
export const SYNTHETIC_CUT_SECONDS = 10.08;
/** Tiles of the synthetic clip in source px (from the labels CSV). */
export const SYNTHETIC_TILES = {
  left: { x: 60, y: 80, width: 560, height: 560 },
  right: { x: 660, y: 80, width: 560, height: 560 },
  center: { x: 290, y: 10, width: 700, height: 700 },
};

/** The synthetic clip's labels as a timeline: track 0 = left tile, 1 = right tile, 2 = centre (shot 2). */
export function labelsTimeline(): Timeline {
  return timelineFromLabels({
    csv: readFileSync(SYNTHETIC_LABELS, "utf8"),
    source: {
      path: SYNTHETIC_CLIP,
      sha256: "30d61c800b98d12e76ac337102c2bd78174bfa38821154cc3e1ee97d19cd392d",
      width: 1280,
      height: 720,
      fps: { num: 25, den: 1 },
      durationSeconds: 16.16,
      hasAudio: true,
    },
  });
}

export interface SyntheticBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SyntheticFace {
  id: number;
  /** Seconds the face is visible (default: its whole shot). */
  from?: number;
  to?: number;
  /** Face box in source px, fixed or as a function of source seconds. */
  box: SyntheticBox | ((seconds: number) => SyntheticBox);
  /** Standard deviation of per-frame box noise, source px (position and size). */
  noisePx?: number;
}

export interface SyntheticSpec {
  seconds: number;
  source?: { width: number; height: number };
  fps?: number;
  /** Shot cut times, seconds. */
  cuts?: number[];
  faces: SyntheticFace[];
  /** Who speaks when (the active speaker). */
  speech: { id: number; from: number; to: number }[];
  /** Extra speakers above threshold without being the active speaker (overlapping speech). */
  alsoSpeaking?: { id: number; from: number; to: number }[];
  seed?: number;
}

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

export function syntheticTimeline(spec: SyntheticSpec): Timeline {
  const fps = spec.fps ?? 25;
  const source = spec.source ?? { width: 1920, height: 1080 };
  const frameCount = Math.round(spec.seconds * fps);
  const random = mulberry32(spec.seed ?? 1);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const cutFrames = [0, ...(spec.cuts ?? []).map((s) => Math.round(s * fps)), frameCount];
  const shots = cutFrames.slice(0, -1).map((startFrame, i) => ({ startFrame, endFrame: cutFrames[i + 1]! }));
  const shotOf = (frame: number) => shots.findIndex((s) => frame >= s.startFrame && frame < s.endFrame);
  const inRange = (list: { id: number; from: number; to: number }[] | undefined, id: number, t: number) =>
    (list ?? []).some((s) => s.id === id && t >= s.from - 1e-9 && t < s.to - 1e-9);

  const tracks = spec.faces.map((face) => {
    const startFrame = Math.round((face.from ?? 0) * fps);
    const endFrame = Math.round((face.to ?? spec.seconds) * fps);
    const shot = shotOf(startFrame);
    if (shotOf(endFrame - 1) !== shot) throw new Error(`synthetic face ${face.id} crosses a cut`);
    const boxes: number[] = [];
    const scores: (number | null)[] = [];
    for (let f = startFrame; f < endFrame; f++) {
      const t = (f + 0.5) / fps;
      const b = typeof face.box === "function" ? face.box(t) : face.box;
      const noise = face.noisePx ?? 0;
      boxes.push(
        b.x + noise * gaussian(),
        b.y + noise * gaussian(),
        b.width + noise * gaussian(),
        b.height + noise * gaussian(),
      );
      scores.push(inRange(spec.speech, face.id, t) || inRange(spec.alsoSpeaking, face.id, t) ? 2 : -2);
    }
    return { id: face.id, shot, startFrame, frameCount: endFrame - startFrame, boxes, scores };
  });
  const activeSpeaker = Array.from({ length: frameCount }, (_, f) => {
    const t = (f + 0.5) / fps;
    const speaker = spec.speech.find((s) => t >= s.from && t < s.to);
    return speaker ? speaker.id : -1;
  });
  return parseTimeline(
    {
      schemaVersion: 2,
      generator: { name: "speakerframe", version: "synthetic" },
      source: {
        path: "synthetic.mp4",
        sha256: "0".repeat(64),
        width: source.width,
        height: source.height,
        rotation: 0,
        fps: { num: fps, den: 1 },
        variableFrameRate: false,
        durationSeconds: spec.seconds,
        hasAudio: true,
      },
      analysis: {
        fps,
        frameCount,
        detector: {
          model: "synthetic",
          sha256: "",
          inputWidth: source.width,
          scoreThreshold: 0,
          detectEvery: 1,
        },
        asd: { model: "synthetic", sha256: "", durations: [1] },
        shotThreshold: 0,
        speakingThreshold: 0,
        device: "none",
        fallbacks: [],
      },
      shots,
      tracks,
      activeSpeaker,
    },
    "synthetic timeline",
  );
}
