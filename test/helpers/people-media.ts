// Generated multi-shot clips of three different real people in close-ups, two-shots and wide shots at different
// positions and sizes, with the ground truth of who is where. 1280×720, 25 fps, 10 shots of 3 s (30 s); in each shot
// the first tile's person speaks (their own audio), the others' lips move muted. Three recipes with other people,
// places and sizes, so that the people tests do not hold for one layout only. Built deterministically with the
// system ffmpeg, cached in the OS temp folder.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ffmpegOnce, media, SYSTEM_FFMPEG } from "./derived-media";
import { analyzeVideo } from "../../src/analysis/analyze-video";
import { decideTimeline } from "../../src/decision/decide-timeline";
import { faceEmbeddingSha256 } from "../../src/analysis/face-embedding/load-face-embedding-model";
import { readTimelineFile, writeTimelineFile } from "../../src/timeline/timeline-file";
import type { Timeline } from "../../src/timeline";

export type PersonName = "A" | "B" | "C";

export interface Tile {
  person: PersonName;
  /** Square tile side and top-left corner, px. */
  size: number;
  x: number;
  y: number;
}

export interface PeopleRecipe {
  name: string;
  /** Source clip of each person; D is not in the clip: a face and a voice that must match nobody. */
  clips: Record<PersonName | "D", string>;
  /** An ffmpeg crop filter per person whose source is not a square face shot (a vertical video). */
  crops?: Partial<Record<PersonName | "D", string>>;
  /** One list of tiles per shot; the first tile's person speaks. */
  shots: Tile[][];
}

export const SHOT_SECONDS = 3;
export const PEOPLE_FPS = 25;
const MAIN_SHOTS: Tile[][] = [
  [{ person: "A", size: 600, x: 340, y: 60 }],
  [{ person: "B", size: 520, x: 80, y: 100 }],
  [
    { person: "A", size: 560, x: 60, y: 80 },
    { person: "B", size: 560, x: 660, y: 80 },
  ],
  [{ person: "C", size: 600, x: 600, y: 60 }],
  [
    { person: "A", size: 380, x: 40, y: 170 },
    { person: "B", size: 380, x: 450, y: 170 },
    { person: "C", size: 380, x: 860, y: 170 },
  ],
  [
    { person: "C", size: 540, x: 60, y: 90 },
    { person: "A", size: 540, x: 680, y: 90 },
  ],
  [{ person: "B", size: 440, x: 760, y: 200 }],
  [
    { person: "C", size: 360, x: 60, y: 180 },
    { person: "A", size: 360, x: 460, y: 180 },
    { person: "B", size: 360, x: 860, y: 180 },
  ],
  [{ person: "C", size: 680, x: 300, y: 20 }],
  [
    { person: "B", size: 520, x: 80, y: 100 },
    { person: "C", size: 520, x: 680, y: 100 },
  ],
];

export const PEOPLE_MAIN: PeopleRecipe = {
  name: "main",
  clips: {
    A: "videoretalking_face_1.mp4",
    B: "videoretalking_face_3.mp4",
    C: "videoretalking_face_5.mp4",
    D: "videoretalking_face_4.mp4",
  },
  shots: MAIN_SHOTS,
};

/** Other people, and speakers on the right of two-shots and wide shots, small faces (300 px) in one wide shot. */
export const PEOPLE_VARIANT: PeopleRecipe = {
  name: "variant",
  clips: {
    A: "videoretalking_face_2.mp4",
    B: "videoretalking_face_4.mp4",
    C: "videoretalking_face_1.mp4",
    D: "videoretalking_face_3.mp4",
  },
  shots: [
    [{ person: "B", size: 560, x: 620, y: 80 }],
    [
      { person: "C", size: 500, x: 100, y: 110 },
      { person: "A", size: 500, x: 680, y: 110 },
    ],
    [{ person: "A", size: 640, x: 320, y: 40 }],
    [
      { person: "B", size: 340, x: 880, y: 190 },
      { person: "A", size: 340, x: 470, y: 190 },
      { person: "C", size: 340, x: 60, y: 190 },
    ],
    [{ person: "C", size: 600, x: 40, y: 60 }],
    [
      { person: "A", size: 520, x: 700, y: 100 },
      { person: "B", size: 520, x: 60, y: 100 },
    ],
    [{ person: "B", size: 460, x: 410, y: 130 }],
    [
      { person: "C", size: 300, x: 930, y: 210 },
      { person: "B", size: 300, x: 500, y: 210 },
      { person: "A", size: 300, x: 70, y: 210 },
    ],
    [
      { person: "A", size: 480, x: 60, y: 120 },
      { person: "C", size: 480, x: 740, y: 120 },
    ],
    [{ person: "C", size: 580, x: 350, y: 70 }],
  ],
};

/**
 * Other sources: the vertical TikTok sample (cropped to a square around the face), the Light-ASD demo's 224 px face
 * crop upscaled (blurry; its face descriptor lies 0.41 from face_1's, the closest pair of different people in the
 * media), and face_1 itself.
 */
export const PEOPLE_THIRD: PeopleRecipe = {
  name: "third",
  clips: {
    A: "remotion_template-tiktok_sample-video.mp4",
    B: "tiwater_pycrop_00000.avi",
    C: "videoretalking_face_1.mp4",
    D: "videoretalking_face_5.mp4",
  },
  crops: { A: "crop=900:900:80:460" },
  shots: [
    [{ person: "C", size: 620, x: 330, y: 50 }],
    [
      { person: "A", size: 540, x: 40, y: 90 },
      { person: "B", size: 540, x: 700, y: 90 },
    ],
    [{ person: "B", size: 600, x: 60, y: 60 }],
    [
      { person: "A", size: 360, x: 460, y: 180 },
      { person: "C", size: 360, x: 40, y: 180 },
      { person: "B", size: 360, x: 880, y: 180 },
    ],
    [{ person: "A", size: 660, x: 560, y: 30 }],
    [
      { person: "C", size: 500, x: 720, y: 110 },
      { person: "B", size: 500, x: 80, y: 110 },
    ],
    [{ person: "B", size: 420, x: 820, y: 150 }],
    [
      { person: "B", size: 320, x: 40, y: 200 },
      { person: "A", size: 320, x: 480, y: 200 },
      { person: "C", size: 320, x: 920, y: 200 },
    ],
    [
      { person: "A", size: 520, x: 60, y: 100 },
      { person: "C", size: 520, x: 700, y: 100 },
    ],
    [{ person: "C", size: 480, x: 90, y: 120 }],
  ],
};

const CACHE = join(tmpdir(), "speakerframe-test-people");
const ENCODE = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p", "-g", "25"];

function shotArgs(recipe: PeopleRecipe, tiles: Tile[], index: number): string[] {
  const people = [...new Set(tiles.map((t) => t.person))];
  const inputs = people.flatMap((p) => ["-stream_loop", "-1", "-i", media(recipe.clips[p])]);
  const offset = ((index * 1.3) % 2).toFixed(2);
  const trim = `trim=start=${offset}:duration=${SHOT_SECONDS},setpts=PTS-STARTPTS`;
  const parts = [`color=c=0x202428:s=1280x720:r=${PEOPLE_FPS}:d=${SHOT_SECONDS}[bg0]`];
  tiles.forEach((tile, i) => {
    const input = people.indexOf(tile.person);
    const crop = recipe.crops?.[tile.person];
    parts.push(
      `[${input}:v]${crop ? `${crop},` : ""}fps=${PEOPLE_FPS},${trim},scale=${tile.size}:${tile.size},setsar=1[t${i}]`,
    );
    parts.push(`[bg${i}][t${i}]overlay=${tile.x}:${tile.y}:shortest=1[bg${i + 1}]`);
  });
  parts.push(`[0:a]a${trim.replace("setpts", "asetpts")},aresample=48000,aformat=channel_layouts=mono[a]`);
  return [
    ...inputs,
    "-filter_complex",
    parts.join(";"),
    ...["-map", `[bg${tiles.length}]`, "-map", "[a]", "-t", String(SHOT_SECONDS)],
    ...ENCODE,
    ...["-c:a", "aac", "-b:a", "96k", "-ar", "48000"],
  ];
}

/** The clip's path (built once per recipe). */
export function peopleClip(recipe: PeopleRecipe = PEOPLE_MAIN): string {
  // The main recipe's key predates the recipes' clips field (its clips are fixed), so its cached files stay valid.
  const keyed =
    recipe === PEOPLE_MAIN
      ? recipe.shots
      : [recipe.clips, ...(recipe.crops ? [recipe.crops] : []), recipe.shots];
  const key = createHash("sha256")
    .update(JSON.stringify([keyed, ENCODE, 2]))
    .digest("hex")
    .slice(0, 12);
  const target = join(CACHE, `people-${key}.mp4`);
  if (existsSync(target)) return target;
  const shots = recipe.shots.map((tiles, i) =>
    ffmpegOnce(shotArgs(recipe, tiles, i), join(CACHE, `shot-${key}-${i}.mp4`)),
  );
  const list = join(CACHE, `people-${key}.txt`);
  writeFileSync(list, shots.map((s) => `file '${s}'`).join("\n"));
  return ffmpegOnce(["-f", "concat", "-safe", "0", "-i", list, "-c", "copy"], target);
}

/** Who a face box (source px) is: the tile of its shot (by start time) whose square holds the box centre. */
export function personAt(
  seconds: number,
  box: { x: number; y: number; width: number; height: number },
  recipe: PeopleRecipe = PEOPLE_MAIN,
): PersonName | null {
  const { shots } = recipe;
  const shot = shots[Math.min(shots.length - 1, Math.floor(seconds / SHOT_SECONDS))]!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const tile = shot.find((t) => cx >= t.x && cx < t.x + t.size && cy >= t.y && cy < t.y + t.size);
  return tile?.person ?? null;
}

/** A still of `person`'s face (PNG), from a moment of their source clip not otherwise special. */
export function faceImage(person: PersonName | "D", recipe: PeopleRecipe = PEOPLE_MAIN): string {
  const file = recipe.clips[person];
  const target = join(CACHE, `face-${recipe.name}-${person}.png`);
  if (existsSync(target)) return target;
  mkdirSync(CACHE, { recursive: true });
  execFileSync(SYSTEM_FFMPEG, [
    ...["-nostdin", "-loglevel", "error", "-y", "-ss", "4.2", "-i", media(file)],
    ...["-frames:v", "1", "-vf", [recipe.crops?.[person], "scale=480:480"].filter(Boolean).join(",")],
    `${target}.partial.png`,
  ]);
  renameSync(`${target}.partial.png`, target);
  return target;
}

/**
 * A voice sample (WAV, 44.1 kHz: resampled on reading) cut from `from` for `seconds`: from the people clip itself,
 * or from a person's source clip (the original recording the clip's shots were cut from; D's voice is not in it).
 */
export function voiceSample(
  source: "clip" | PersonName | "D",
  from: number,
  seconds: number,
  recipe: PeopleRecipe = PEOPLE_MAIN,
): string {
  const input = source === "clip" ? peopleClip(recipe) : media(recipe.clips[source]);
  const target = join(CACHE, `voice-${recipe.name}-${source}-${from}-${seconds}.wav`);
  if (existsSync(target)) return target;
  mkdirSync(CACHE, { recursive: true });
  execFileSync(SYSTEM_FFMPEG, [
    ...["-nostdin", "-loglevel", "error", "-y", "-ss", String(from), "-t", String(seconds), "-i", input],
    ...["-vn", "-ac", "1", "-ar", "44100", "-c:a", "pcm_s16le", `${target}.partial.wav`],
  ]);
  renameSync(`${target}.partial.wav`, target);
  return target;
}

/** Bump when the analysis changes what the people test reads, so the cached timeline is made again. */
const TIMELINE_REVISION = 2;

/** The clip's analysed timeline, cached beside the clip (the media tests and the CLI test share one analysis). */
export async function peopleTimeline(
  recipe: PeopleRecipe = PEOPLE_MAIN,
): Promise<{ clip: string; timeline: Timeline; timelinePath: string }> {
  const clip = peopleClip(recipe);
  const key = createHash("sha256")
    .update(JSON.stringify([clip, TIMELINE_REVISION, faceEmbeddingSha256()]))
    .digest("hex")
    .slice(0, 12);
  const timelinePath = join(CACHE, `people-${key}.timeline.json`);
  if (existsSync(timelinePath)) {
    try {
      return {
        clip,
        timeline: decideTimeline({ timeline: await readTimelineFile(timelinePath) }),
        timelinePath,
      };
    } catch {
      // made again below
    }
  }
  const timeline = await analyzeVideo({ input: clip, device: "cpu" });
  await writeTimelineFile(timelinePath, timeline);
  return { clip, timeline, timelinePath };
}

/** The true person of each track (by its box at its middle frame). */
export function trackTruth(
  timeline: Timeline,
  recipe: PeopleRecipe = PEOPLE_MAIN,
): Map<number, PersonName | null> {
  const truth = new Map<number, PersonName | null>();
  for (const t of timeline.tracks) {
    const mid = Math.floor(t.frameCount / 2);
    const [x, y, width, height] = t.boxes.slice(4 * mid, 4 * mid + 4) as [number, number, number, number];
    truth.set(t.id, personAt((t.startFrame + mid) / timeline.analysis.fps, { x, y, width, height }, recipe));
  }
  return truth;
}

/** Whether `person` is on screen at `seconds` by construction (null within `marginSeconds` of a cut: the detected cut may sit one frame off). */
export function onScreen(
  person: PersonName,
  seconds: number,
  recipe: PeopleRecipe = PEOPLE_MAIN,
  marginSeconds = 0.05,
): boolean | null {
  const into = seconds % SHOT_SECONDS;
  if (into < marginSeconds || SHOT_SECONDS - into < marginSeconds) return null;
  const shot = recipe.shots[Math.floor(seconds / SHOT_SECONDS)];
  return shot ? shot.some((t) => t.person === person) : null;
}
