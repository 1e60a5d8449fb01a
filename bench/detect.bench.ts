// Face-detection stride and width: how far the analysis's interpolated face boxes and crop centres move when
// YuNet runs on every Nth frame (N = 1..6) and/or on a narrower frame, against detection on every frame at
// 640 px, on real media; and what the detection costs. Tracking replays analyzeVideo's rules exactly: detect on
// frame % N === 0 and on shot cuts, IoU tracker with maxGapFrames = max(10, 2N), tracks closed at cuts (held to
// the shot's last frame when the stride caused the gap), tracks shorter than 10 frames dropped, boxes interpolated
// between detections, crop centres median-smoothed.
// Detections do not depend on earlier frames, so every frame is detected once per width and strides are subsets.
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { analyzeVideo } from "../src/analysis/analyze-video";
import { evaluateTimeline } from "../src/analysis/evaluation/evaluate-timeline";
import { parseSpeakerLabels } from "../src/analysis/evaluation/parse-speaker-labels";
import { probeMedia, streamFrames } from "../src/analysis/ffmpeg";
import { resolveModelCache } from "../src/analysis/models/model-cache";
import { createShotDetector } from "../src/analysis/shots/create-shot-detector";
import {
  createFaceTracker,
  interpolatedBox,
  trackSpan,
  type FaceTrack,
  type TrackedDetection,
} from "../src/analysis/tracking/create-face-tracker";
import { cropCentreAt, type CropCentre } from "../src/analysis/tracking/crop-geometry";
import { intersectionOverUnion, type FaceBox } from "../src/analysis/tracking/face-box";
import { createFaceDetector } from "../src/analysis/yunet/create-face-detector";
import { media, twoFace1080p } from "../test/helpers/derived-media";

/** Detector input widths studied (each capped at the source width); 1280 serves as the full-resolution check. */
const WIDTHS = [1280, 640, 480, 320];
/** Widths in the stride table. */
const TABLE_WIDTHS = [640, 480, 320];
/** The analysis's reference: every frame at the default width before this study. */
const REFERENCE_WIDTH = 640;
const FULL_RES_WIDTH = 1280;
const STRIDES = [1, 2, 3, 4, 5, 6];
const FPS = 25;
const MIN_TRACK_FRAMES = 10; // analyzeVideo's default
const SHOT_WIDTH = 256;

type Detections = Omit<TrackedDetection, "frame">[];

interface ClipDetections {
  name: string;
  frames: number;
  cuts: Set<number>;
  /** Per width: detections per frame (source px). */
  byWidth: Map<number, Detections[]>;
}

/** One face track as analyzeVideo keeps it: per frame of its span, the box and the crop centre. */
interface TrackFrames {
  start: number;
  boxes: FaceBox[];
  centres: CropCentre[];
}

async function detectClip(name: string, input: string, durationSeconds?: number): Promise<ClipDetections> {
  const info = await probeMedia(input);
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  const sizes = WIDTHS.map((w) => {
    const scale = Math.min(1, w / info.width);
    return { width: even(info.width * scale), height: even(info.height * scale) };
  });
  const shotScale = Math.min(1, SHOT_WIDTH / info.width);
  const shotSize = { width: even(info.width * shotScale), height: even(info.height * shotScale) };
  // One detector per width, as in analyzeVideo (one input shape per session).
  const detectors = await Promise.all(
    WIDTHS.map(() =>
      createFaceDetector({ modelPath: join(resolveModelCache(), "yunet_n_dynamic.onnx"), device: "cpu" }),
    ),
  );
  const shots = createShotDetector({ threshold: 27, minShotFrames: 15 });
  const byWidth = new Map(WIDTHS.map((w) => [w, [] as Detections[]]));
  const cuts = new Set<number>();
  let frames = 0;
  try {
    const stream = streamFrames({
      input,
      fps: FPS,
      ...(durationSeconds ? { durationSeconds } : {}),
      videoOutputs: [
        ...sizes.map((size) => ({ ...size, pixelFormat: "bgr24" as const })),
        { ...shotSize, pixelFormat: "rgb24" },
      ],
    });
    for await (const decoded of stream) {
      if (shots.push({ rgb: decoded.planes[WIDTHS.length]!, ...shotSize })) cuts.add(decoded.index);
      for (let i = 0; i < WIDTHS.length; i++) {
        const size = sizes[i]!;
        const faces = await detectors[i]!.detect({
          bgr: decoded.planes[i]!,
          ...size,
          sourcePxPerInputPx: info.width / size.width,
        });
        byWidth.get(WIDTHS[i]!)!.push(
          faces.map((face) => ({
            box: { x: face.x, y: face.y, width: face.width, height: face.height },
            score: face.score,
          })),
        );
      }
      frames = decoded.index + 1;
    }
  } finally {
    for (const detector of detectors) await detector.release();
  }
  return { name, frames, cuts, byWidth };
}

/**
 * detect() cost per width on the first `count` frames of `input`, decoded up front so that ffmpeg does not run
 * alongside; widths take turns frame by frame so that load changes hit them alike. Median ms over 3 rounds.
 */
async function timeDetect(input: string, count: number): Promise<Map<number, number>> {
  const info = await probeMedia(input);
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  const sizes = WIDTHS.map((w) => {
    const scale = Math.min(1, w / info.width);
    return { width: even(info.width * scale), height: even(info.height * scale) };
  });
  const frames: Uint8Array[][] = [];
  for await (const decoded of streamFrames({
    input,
    fps: FPS,
    durationSeconds: count / FPS,
    videoOutputs: sizes.map((size) => ({ ...size, pixelFormat: "bgr24" as const })),
  }))
    frames.push(decoded.planes);
  const detectors = await Promise.all(
    WIDTHS.map(() =>
      createFaceDetector({ modelPath: join(resolveModelCache(), "yunet_n_dynamic.onnx"), device: "cpu" }),
    ),
  );
  const ms = WIDTHS.map(() => [] as number[]);
  try {
    for (let round = 0; round < 4; round++) {
      for (const planes of frames) {
        for (let i = 0; i < WIDTHS.length; i++) {
          const t0 = performance.now();
          await detectors[i]!.detect({ bgr: planes[i]!, ...sizes[i]! });
          if (round > 0) ms[i]!.push(performance.now() - t0); // round 0 warms up
        }
      }
    }
  } finally {
    for (const detector of detectors) await detector.release();
  }
  return new Map(WIDTHS.map((w, i) => [w, median(ms[i]!)]));
}

/** analyzeVideo's tracking for one stride: the kept tracks with their interpolated boxes and crop centres. */
function trackClip(clip: ClipDetections, faces: Detections[], stride: number): TrackFrames[] {
  const tracker = createFaceTracker({ maxGapFrames: Math.max(10, 2 * stride) });
  const closed: FaceTrack[] = [];
  for (let frame = 0; frame < clip.frames; frame++) {
    const isCut = clip.cuts.has(frame);
    if (isCut) tracker.cut(frame - 1);
    if (isCut || frame % stride === 0) tracker.update(frame, faces[frame]!);
    closed.push(...tracker.takeClosed());
  }
  tracker.cut(clip.frames - 1);
  closed.push(...tracker.takeClosed());
  return closed
    .filter((track) => {
      const { startFrame, endFrame } = trackSpan(track);
      return endFrame - startFrame + 1 >= MIN_TRACK_FRAMES;
    })
    .map((track) => {
      const { startFrame, endFrame } = trackSpan(track);
      const boxes: FaceBox[] = [];
      const centres: CropCentre[] = [];
      for (let f = startFrame; f <= endFrame; f++) {
        boxes.push(interpolatedBox(track, f));
        centres.push(cropCentreAt(track, f));
      }
      return { start: startFrame, boxes, centres };
    });
}

interface Comparison {
  /** Reference track-frames. */
  frames: number;
  iouSum: number;
  /** Reference track-frames with no box of IoU > 0.3 in the candidate (a lost face). */
  missed: number;
  /** Crop-centre distance / reference half-size, per matched frame. */
  centreErrors: number[];
  /** |crop half-size / reference half-size - 1|, per matched frame (the crop's zoom). */
  sizeErrors: number[];
}

/** Every reference track-frame against the candidate box that overlaps it most at the same frame. */
function compare(reference: TrackFrames[], candidate: TrackFrames[], into: Comparison): void {
  for (const ref of reference) {
    ref.boxes.forEach((box, i) => {
      const frame = ref.start + i;
      let best = 0;
      let centre: CropCentre | undefined;
      for (const track of candidate) {
        const j = frame - track.start;
        if (j < 0 || j >= track.boxes.length) continue;
        const iou = intersectionOverUnion(box, track.boxes[j]!);
        if (iou > best) {
          best = iou;
          centre = track.centres[j];
        }
      }
      into.frames++;
      into.iouSum += best;
      if (best <= 0.3 || !centre) {
        into.missed++;
        return;
      }
      const r = ref.centres[i]!;
      into.centreErrors.push(Math.hypot(centre.x - r.x, centre.y - r.y) / r.halfSize);
      into.sizeErrors.push(Math.abs(centre.halfSize / r.halfSize - 1));
    });
  }
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};
const median = (values: number[]) => percentile(values, 0.5);
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const pct = (values: number[]) =>
  `${(100 * mean(values)).toFixed(2)} % / ${(100 * percentile(values, 0.95)).toFixed(2)} %`;

export default async function detectBench(): Promise<string> {
  const clips: Array<[string, string, number?]> = [
    ...[1, 2, 3, 4, 5].map((n): [string, string, number?] => [
      `videoretalking_face_${n}`,
      media(`videoretalking_face_${n}.mp4`),
    ]),
    ["synthetic_two_speakers (1280×720, cut)", media("synthetic_two_speakers_alternating_1280x720.mp4")],
    // The bench clip loops two 5 s clips: its first 20 s hold all there is.
    ["two-face 1080p (bench clip, first 20 s)", twoFace1080p(60), 20],
  ];
  const loadStart = loadavg()[0]!;
  const detected: ClipDetections[] = [];
  for (const [name, input, seconds] of clips) detected.push(await detectClip(name, input, seconds));

  // Pooled over all clips (each track-frame counts once), and per clip for the chosen rows.
  const pooled = new Map<string, Comparison>();
  /** Each width at N = 1 against every-frame detection at full resolution (1280 px or the source width). */
  const versusFullRes = new Map<number, Comparison>();
  const fresh = (): Comparison => ({ frames: 0, iouSum: 0, missed: 0, centreErrors: [], sizeErrors: [] });
  const perClip = new Map<string, Map<string, Comparison>>();
  const key = (width: number, stride: number) => `${width}/${stride}`;
  for (const clip of detected) {
    const reference = trackClip(clip, clip.byWidth.get(REFERENCE_WIDTH)!, 1);
    const fullRes = trackClip(clip, clip.byWidth.get(FULL_RES_WIDTH)!, 1);
    const clipRows = new Map<string, Comparison>();
    perClip.set(clip.name, clipRows);
    for (const width of TABLE_WIDTHS) {
      const atN1 = trackClip(clip, clip.byWidth.get(width)!, 1);
      const vsFull = versusFullRes.get(width) ?? fresh();
      versusFullRes.set(width, vsFull);
      compare(fullRes, atN1, vsFull);
      for (const stride of STRIDES) {
        const candidate = trackClip(clip, clip.byWidth.get(width)!, stride);
        const all = pooled.get(key(width, stride)) ?? fresh();
        pooled.set(key(width, stride), all);
        const one = fresh();
        clipRows.set(key(width, stride), one);
        compare(reference, candidate, all);
        compare(reference, candidate, one);
      }
    }
  }
  const msPerDetect = await timeDetect(twoFace1080p(60), 50);

  const totalFrames = detected.reduce((n, c) => n + c.frames, 0);
  const lines = [
    "## Face-detection stride and width (YuNet, CPU, 1 thread)",
    "",
    `- clips: ${detected.map((c) => `${c.name} (${c.frames} frames)`).join(", ")}; ${totalFrames} frames in all`,
    `- reference: detection on every frame at ${REFERENCE_WIDTH} px (never above the source width); load average ${loadStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
    "- IoU: every reference track-frame against the best-overlapping kept box at that frame (0 when none), pooled",
    "  over all clips; lost: reference track-frames with no box of IoU > 0.3; crop-centre error: distance between",
    "  the median-smoothed crop centres / the reference half-size (the crop spans ±1.4 half-sizes); crop-size error:",
    "  the smoothed half-size's relative difference (the crop's zoom); mean and p95 over matched track-frames",
    "- detect cost: median detect() wall ms (blob fill + network + decode/NMS, 1 intra-op thread) on 50 frames of",
    "  the 1080p clip decoded beforehand, widths interleaved, 3 rounds; × detections per media second (25 / N)",
    "",
    "| width | N | mean IoU | lost | crop-centre error mean / p95 | crop-size error mean / p95 | min IoU of a clip | ms / detect | detect ms per media s |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const width of TABLE_WIDTHS) {
    for (const stride of STRIDES) {
      const row = pooled.get(key(width, stride))!;
      const worstClip = Math.min(
        ...[...perClip.values()].map((rows) => {
          const r = rows.get(key(width, stride))!;
          return r.iouSum / Math.max(1, r.frames);
        }),
      );
      const ms = msPerDetect.get(width)!;
      lines.push(
        `| ${width} | ${stride} | ${(row.iouSum / row.frames).toFixed(4)} | ${((100 * row.missed) / row.frames).toFixed(2)} % | ` +
          `${pct(row.centreErrors)} | ${pct(row.sizeErrors)} | ` +
          `${worstClip.toFixed(4)} | ${ms.toFixed(1)} | ${((ms * FPS) / stride).toFixed(0)} |`,
      );
    }
  }
  lines.push(
    "",
    `Each width at N = 1 against every-frame detection at ${FULL_RES_WIDTH} px (or the source width when narrower),`,
    `which is closest to what YuNet sees at full resolution (${FULL_RES_WIDTH} px: ${msPerDetect.get(FULL_RES_WIDTH)!.toFixed(1)} ms / detect):`,
    "",
    "| width | mean IoU | lost | crop-centre error mean / p95 | crop-size error mean / p95 |",
    "| --- | --- | --- | --- | --- |",
    ...TABLE_WIDTHS.map((width) => {
      const row = versusFullRes.get(width)!;
      return (
        `| ${width} | ${(row.iouSum / row.frames).toFixed(4)} | ${((100 * row.missed) / row.frames).toFixed(2)} % | ` +
        `${pct(row.centreErrors)} | ${pct(row.sizeErrors)} |`
      );
    }),
    "",
    "Per clip, mean IoU at each width for N = 1 / 2 / 3 / 4:",
    "",
    "| clip | " + TABLE_WIDTHS.map((w) => `${w} px`).join(" | ") + " |",
    "| --- | " + TABLE_WIDTHS.map(() => "---").join(" | ") + " |",
  );
  for (const [name, rows] of perClip) {
    const cells = TABLE_WIDTHS.map((w) =>
      [1, 2, 3, 4]
        .map((n) => {
          const r = rows.get(key(w, n))!;
          return (r.iouSum / Math.max(1, r.frames)).toFixed(3);
        })
        .join(" / "),
    );
    lines.push(`| ${name} | ${cells.join(" | ")} |`);
  }
  lines.push("", ...(await groupRecall()));
  if (process.env.DETECT_BENCH_E2E !== "0") lines.push(...(await endToEnd()));
  return lines.join("\n");
}

/** Faces found per width on the group photo (720×478, about 50 small faces): recall at small scales. */
async function groupRecall(): Promise<string[]> {
  const input = media("ultraface_imgs_1.jpg");
  const info = await probeMedia(input);
  const detector = await createFaceDetector({
    modelPath: join(resolveModelCache(), "yunet_n_dynamic.onnx"),
    device: "cpu",
  });
  const cells: string[] = [];
  try {
    for (const width of WIDTHS) {
      const w = Math.min(width, info.width) & ~1;
      const h = Math.max(2, 2 * Math.round((info.height * w) / info.width / 2));
      for await (const decoded of streamFrames({
        input,
        fps: FPS,
        durationSeconds: 1 / FPS,
        videoOutputs: [{ width: w, height: h, pixelFormat: "bgr24" }],
      })) {
        const faces = await detector.detect({ bgr: decoded.planes[0]!, width: w, height: h });
        cells.push(`${w} px: ${faces.length}`);
      }
    }
  } finally {
    await detector.release();
  }
  return [
    `Faces found on ultraface_imgs_1.jpg (${info.width}×${info.height} group photo): ${cells.join(", ")}.`,
    "",
  ];
}

/**
 * The whole analysis at a few width/stride settings: speaker accuracy on the labelled clip and the speaking share
 * of three single talking heads (what test/analyze.test.ts checks), plus the wall time. DETECT_BENCH_E2E=0 skips it.
 */
async function endToEnd(): Promise<string[]> {
  const clip = media("synthetic_two_speakers_alternating_1280x720.mp4");
  const labels = parseSpeakerLabels(
    readFileSync(media("synthetic_two_speakers_alternating_1280x720.labels.csv"), "utf8"),
  );
  const settings: Array<[number, number]> = [
    [640, 2],
    [640, 3],
    [480, 2],
    [480, 3],
    [320, 3],
  ];
  const lines = [
    "End to end (analyzeVideo with each setting, everything else default):",
    "",
    "| width | N | labelled clip: frame accuracy / AP / single-speaker shot | face_2 / face_3 / face_5 speaking | labelled clip wall s |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const [detectWidth, detectEvery] of settings) {
    const t0 = performance.now();
    const timeline = await analyzeVideo({ input: clip, device: "cpu", detectWidth, detectEvery });
    const seconds = (performance.now() - t0) / 1000;
    const result = evaluateTimeline(timeline, labels);
    const solo = result.segments.find((s) => s.face === "center")!;
    const speaking: string[] = [];
    for (const n of [2, 3, 5]) {
      const single = await analyzeVideo({
        input: media(`videoretalking_face_${n}.mp4`),
        device: "cpu",
        detectWidth,
        detectEvery,
      });
      const share = single.activeSpeaker.filter((id) => id === 0).length / single.analysis.frameCount;
      speaking.push(`${(100 * share).toFixed(1)} %`);
    }
    lines.push(
      `| ${detectWidth} | ${detectEvery} | ${(100 * result.frameAccuracy).toFixed(1)} % / ${result.averagePrecision.toFixed(3)} / ` +
        `${((100 * solo.correctFrames) / solo.frames).toFixed(1)} % | ${speaking.join(" / ")} | ${seconds.toFixed(1)} |`,
    );
  }
  lines.push("");
  return lines;
}
