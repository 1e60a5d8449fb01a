// Builds a speaker timeline from a ground-truth labels CSV (the synthetic two-speaker clip's format): tile boxes,
// a speaking label per tile and segment, shot numbers. Used for the Studio demo and as the planner's test oracle
// until real analysed timelines exist. The face box is placed inside each tile (tiles are whole pasted videos).
import { parseTimeline } from "../../timeline/parse-timeline";
import type { Timeline } from "../../timeline/timeline-schema";

export interface TimelineFromLabelsInput {
  /** Contents of the labels CSV (lines starting with # are comments). */
  csv: string;
  source: {
    path: string;
    /** sha256 of the video file, hex; zeros when unknown. */
    sha256?: string;
    width: number;
    height: number;
    fps: { num: number; den: number };
    durationSeconds: number;
    hasAudio: boolean;
  };
  /** Analysis frames per second of the label frame numbers. */
  analysisFps?: number;
  /** Face box inside a tile, as fractions of the tile: width, height, and centre (x, y). */
  faceInTile?: { width: number; height: number; centerX: number; centerY: number };
}

/** Logit scores written for labelled speaking / silent frames (threshold 0). */
const SPEAKING_SCORE = 2;
const SILENT_SCORE = -2;

export function timelineFromLabels(input: TimelineFromLabelsInput): Timeline {
  const face = input.faceInTile ?? { width: 0.4, height: 0.55, centerX: 0.5, centerY: 0.45 };
  const lines = input.csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const header = lines.shift()?.split(",") ?? [];
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`labels CSV has no column ${name}`);
    return index;
  };
  const c = {
    start: column("start_frame"),
    end: column("end_frame_inclusive"),
    shot: column("shot"),
    track: column("track"),
    x1: column("tile_x1"),
    y1: column("tile_y1"),
    x2: column("tile_x2"),
    y2: column("tile_y2"),
    label: column("label"),
  };
  const rows = lines.map((line) => {
    const cells = line.split(",");
    const num = (i: number) => Number(cells[i]);
    return {
      start: num(c.start),
      end: num(c.end) + 1,
      shot: cells[c.shot]!,
      track: `${cells[c.shot]}:${cells[c.track]}`,
      tile: { x1: num(c.x1), y1: num(c.y1), x2: num(c.x2), y2: num(c.y2) },
      speaking: cells[c.label] === "SPEAKING",
    };
  });
  const frameCount = Math.max(0, ...rows.map((r) => r.end));
  const shotNames = [...new Set(rows.map((r) => r.shot))];
  const shots = shotNames.map((name) => {
    const of = rows.filter((r) => r.shot === name);
    return { startFrame: Math.min(...of.map((r) => r.start)), endFrame: Math.max(...of.map((r) => r.end)) };
  });
  const trackNames = [...new Set(rows.map((r) => r.track))];
  const activeSpeaker = new Array<number>(frameCount).fill(-1);
  const tracks = trackNames.map((name, id) => {
    const of = rows.filter((r) => r.track === name);
    const startFrame = Math.min(...of.map((r) => r.start));
    const count = Math.max(...of.map((r) => r.end)) - startFrame;
    const boxes = new Array<number>(4 * count).fill(0);
    const scores = new Array<number | null>(count).fill(null);
    for (const row of of) {
      const tileW = row.tile.x2 - row.tile.x1;
      const tileH = row.tile.y2 - row.tile.y1;
      const w = tileW * face.width;
      const h = tileH * face.height;
      const x = row.tile.x1 + tileW * face.centerX - w / 2;
      const y = row.tile.y1 + tileH * face.centerY - h / 2;
      for (let f = row.start; f < row.end; f++) {
        const i = f - startFrame;
        boxes.splice(4 * i, 4, x, y, w, h);
        scores[i] = row.speaking ? SPEAKING_SCORE : SILENT_SCORE;
        if (row.speaking) activeSpeaker[f] = id;
      }
    }
    return { id, shot: shotNames.indexOf(of[0]!.shot), startFrame, frameCount: count, boxes, scores };
  });
  const fps = input.analysisFps ?? 25;
  return parseTimeline(
    {
      schemaVersion: 2,
      generator: { name: "speakerframe", version: "labels" },
      source: {
        ...input.source,
        sha256: input.source.sha256 ?? "0".repeat(64),
        rotation: 0,
        variableFrameRate: false,
      },
      analysis: {
        fps,
        frameCount,
        detector: {
          model: "ground-truth-labels",
          sha256: "",
          inputWidth: input.source.width,
          scoreThreshold: 0,
          detectEvery: 1,
        },
        asd: { model: "ground-truth-labels", sha256: "", durations: [1] },
        shotThreshold: 0,
        speakingThreshold: 0,
        device: "none",
        fallbacks: ["ground-truth-labels"],
      },
      shots,
      tracks,
      activeSpeaker,
    },
    "labels timeline",
  );
}
