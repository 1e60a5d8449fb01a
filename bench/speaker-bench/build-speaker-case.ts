// Renders one speaker-benchmark case spec with the system ffmpeg into a cache folder: video.mp4 (h264 yuv420p,
// AAC 48 kHz mono) and labels.json. Each segment is rendered on its own (tiles over a plain background; the
// soundtrack is the speaking face's own audio from the same clip time as its picture, silence, or an off-screen
// voice), then the segments are joined without re-encoding the video. Times are kept in analysis frames (40 ms) so
// the labels line up exactly with the audio written. Reuses a finished folder; builds in a temp folder and renames.
import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { computeFrameLevels } from "../../src/analysis/audio/compute-frame-levels";
import type {
  LabelBox,
  SpeakerCaseLabels,
  SpeakerCaseLayout,
} from "../../src/analysis/evaluation/speaker-case-labels";
import { readSpeakerCaseLabels } from "./read-speaker-case-labels";
import { labelSpeakingFrames, voicingThreshold, VOICING_RULE } from "./label-speaking-frames";
import {
  fpsNumber,
  LISTENER_ONLY_CLIPS,
  SPLIT_CLIPS,
  type SpeakerCaseSpec,
  type Tile,
} from "./speaker-case-spec";

/** Bump when the rendering or labelling changes, so cached cases are rebuilt. */
const BUILDER_VERSION = 2;
const ANALYSIS_FPS = 25;
const SAMPLE_RATE = 48000;
const SAMPLES_PER_FRAME = SAMPLE_RATE / ANALYSIS_FPS;
/** A drifting listener's still frame is enlarged this much and panned within the extra margin. */
const DRIFT_ZOOM = 1.15;
const BACKGROUND = "0x181818";

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SYSTEM_FFMPEG = process.env.SPEAKERFRAME_SYSTEM_FFMPEG ?? "/usr/bin/ffmpeg";
const SYSTEM_FFPROBE = join(dirname(SYSTEM_FFMPEG), "ffprobe");
export const benchMediaDir = () =>
  process.env.SPEAKERFRAME_MEDIA_MIRROR ??
  join(process.env.SPEAKERFRAME_SHARED ?? resolve(REPO_ROOT, "../shared"), "media");
export const benchCacheDir = () =>
  process.env.SPEAKERFRAME_BENCH_CACHE ?? join(REPO_ROOT, ".cache", "speaker-bench");

export interface BuiltSpeakerCase {
  dir: string;
  video: string;
  labelsPath: string;
  labels: SpeakerCaseLabels;
  hash: string;
}

interface ClipInfo {
  path: string;
  width: number;
  height: number;
  /** Usable length in analysis frames (whole 40 ms frames of video). */
  frames: number;
}

const clipInfos = new Map<string, ClipInfo>();
const clipThresholds = new Map<string, number>();

function run(args: string[]): Buffer {
  return execFileSync(SYSTEM_FFMPEG, ["-nostdin", "-hide_banner", "-loglevel", "error", "-y", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 1 << 30,
  });
}

function clipInfo(clip: string): ClipInfo {
  const cached = clipInfos.get(clip);
  if (cached) return cached;
  const path = join(benchMediaDir(), clip);
  if (!existsSync(path))
    throw new Error(`speaker bench: source clip ${path} is missing (set SPEAKERFRAME_MEDIA_MIRROR)`);
  const probe = JSON.parse(
    execFileSync(SYSTEM_FFPROBE, [
      ...["-v", "error", "-select_streams", "v:0", "-of", "json"],
      ...["-show_entries", "stream=width,height,duration:format=duration", path],
    ]).toString(),
  ) as { streams: { width: number; height: number; duration?: string }[]; format: { duration: string } };
  const stream = probe.streams[0]!;
  const seconds = Number(stream.duration ?? probe.format.duration);
  const info = {
    path,
    width: stream.width,
    height: stream.height,
    frames: Math.floor(seconds * ANALYSIS_FPS),
  };
  clipInfos.set(clip, info);
  return info;
}

function decodePcm(args: string[]): Int16Array {
  const out = run([...args, "-f", "s16le", "-ac", "1", "-ar", String(SAMPLE_RATE), "-"]);
  return new Int16Array(out.buffer, out.byteOffset, out.length >> 1);
}

/** The clip's own voicing threshold, from all of its audio. */
function clipThreshold(clip: string): number {
  const cached = clipThresholds.get(clip);
  if (cached !== undefined) return cached;
  const samples = decodePcm(["-i", clipInfo(clip).path, "-vn"]);
  const threshold = voicingThreshold(computeFrameLevels({ samples, samplesPerFrame: SAMPLES_PER_FRAME }));
  clipThresholds.set(clip, threshold);
  return threshold;
}

/** [start, length) in clip frames, wrapped around the clip's end as often as needed. */
function wrappedPieces(
  start: number,
  length: number,
  clipFrames: number,
): { start: number; length: number }[] {
  const pieces: { start: number; length: number }[] = [];
  let at = start % clipFrames;
  let left = length;
  while (left > 0) {
    const take = Math.min(left, clipFrames - at);
    pieces.push({ start: at, length: take });
    left -= take;
    at = 0;
  }
  return pieces;
}

const secs = (frames: number) => (frames / ANALYSIS_FPS).toFixed(3);

/** Appends an input read from clip frame `start` for `frames` frames; returns its input index. */
function addInput(inputs: string[], start: number, frames: number, path: string): number {
  const index = inputs.filter((arg) => arg === "-i").length;
  inputs.push("-ss", secs(start), "-t", secs(frames), "-i", path);
  return index;
}
const even = (value: number) => 2 * Math.round(value / 2);

/** Where a tile's picture lands inside its box: the whole box for cover, the centred fitted rect for contain. */
function contentRect(tile: Tile, clip: ClipInfo): [number, number, number, number] {
  const [x, y, w, h] = tile.box;
  if (tile.fit !== "contain") return [x, y, w, h];
  const scale = Math.min(w / clip.width, h / clip.height);
  const cw = even(clip.width * scale);
  const ch = even(clip.height * scale);
  return [x + Math.round((w - cw) / 2), y + Math.round((h - ch) / 2), cw, ch];
}

function validate(spec: SpeakerCaseSpec): void {
  const fail = (message: string) => {
    throw new Error(`speaker case ${spec.id}: ${message}`);
  };
  for (const [name, face] of Object.entries(spec.faces))
    if (!SPLIT_CLIPS[spec.split].includes(face.clip))
      fail(`face ${name} uses ${face.clip}, which is not a ${spec.split} clip`);
  spec.segments.forEach((segment, k) => {
    const frames = segment.seconds * ANALYSIS_FPS;
    if (Math.abs(frames - Math.round(frames)) > 1e-6 || frames < 1)
      fail(`segment ${k} lasts ${segment.seconds} s, not a positive multiple of 0.04 s`);
    if (segment.audio !== null) {
      const face = spec.faces[segment.audio];
      if (!face) fail(`segment ${k} plays audio of unknown face ${segment.audio}`);
      if (face!.flip || LISTENER_ONLY_CLIPS.includes(face!.clip))
        fail(`segment ${k} plays the audio of ${segment.audio}, a listener-only face`);
    }
    for (const tile of segment.tiles) {
      if (!spec.faces[tile.face]) fail(`segment ${k} draws unknown face ${tile.face}`);
      const [x, y, w, h] = tile.box;
      if (x < 0 || y < 0 || x + w > spec.width || y + h > spec.height || w % 2 || h % 2)
        fail(`segment ${k}: tile of ${tile.face} ${tile.box.join(",")} is outside the frame or has odd size`);
      if (tile.face === segment.audio && tile.motion !== "play")
        fail(`segment ${k}: ${tile.face} is heard but its tile is ${tile.motion}`);
      if (tile.motion === "drift" && tile.fit === "contain")
        fail(`segment ${k}: a drifting tile must cover its box`);
    }
  });
}

export function speakerCaseHash(spec: SpeakerCaseSpec): string {
  return createHash("sha256")
    .update(JSON.stringify({ spec, BUILDER_VERSION, VOICING_RULE }))
    .digest("hex")
    .slice(0, 12);
}

interface PlannedSegment {
  startFrame: number;
  frames: number;
  audio: string | null;
  /** Clip frame each face's clock is at when the segment starts. */
  clocks: Record<string, number>;
  startSeconds: number;
}

/** Each segment's start and the clip clock of every face: a clock runs while its face plays or is heard. */
function planSegments(spec: SpeakerCaseSpec): PlannedSegment[] {
  const clocks: Record<string, number> = {};
  for (const [name, face] of Object.entries(spec.faces))
    clocks[name] = Math.round((face.startSeconds ?? 0) * ANALYSIS_FPS);
  let startFrame = 0;
  return spec.segments.map((segment) => {
    const frames = Math.round(segment.seconds * ANALYSIS_FPS);
    const planned = {
      startFrame,
      frames,
      audio: segment.audio,
      clocks: { ...clocks },
      startSeconds: startFrame / 25,
    };
    const running = new Set(segment.tiles.filter((t) => t.motion === "play").map((t) => t.face));
    if (segment.audio) running.add(segment.audio);
    for (const face of running) clocks[face] = clocks[face]! + frames;
    startFrame += frames;
    return planned;
  });
}

function tileFilter(
  spec: SpeakerCaseSpec,
  tile: Tile,
  plan: PlannedSegment,
  inputs: string[],
  index: number,
) {
  const face = spec.faces[tile.face]!;
  const clip = clipInfo(face.clip);
  const clock = plan.clocks[tile.face]! % clip.frames;
  const [, , w, h] = tile.box;
  const [cx, cy, cw, ch] = contentRect(tile, clip);
  // Stills are shaped once, then cloned: a drifting one is enlarged for its pan, which crops it per frame.
  const [sw, sh] = tile.motion === "drift" ? [even(w * DRIFT_ZOOM), even(h * DRIFT_ZOOM)] : [cw, ch];
  const shape = [
    "setsar=1",
    ...(face.flip ? ["hflip"] : []),
    `scale=${sw}:${sh}:force_original_aspect_ratio=increase`,
    `crop=${sw}:${sh}`,
  ].join(",");
  const parts: string[] = [];
  if (tile.motion === "play") {
    const pieces = wrappedPieces(clock, plan.frames, clip.frames);
    const labels = pieces.map((piece, p) => {
      const input = addInput(inputs, piece.start, piece.length + 1, clip.path);
      parts.push(`[${input}:v]trim=duration=${secs(piece.length)},setpts=PTS-STARTPTS[p${index}_${p}]`);
      return `[p${index}_${p}]`;
    });
    const joined =
      pieces.length > 1 ? `${labels.join("")}concat=n=${pieces.length}:v=1:a=0,` : `${labels[0]}`;
    parts.push(`${joined}${shape},fps=${spec.fps}[t${index}]`);
  } else {
    const input = addInput(inputs, Math.min(clock, clip.frames - 5), 12, clip.path);
    const still = `[${input}:v]trim=end_frame=1,setpts=PTS-STARTPTS,${shape},tpad=stop_mode=clone:stop_duration=${secs(plan.frames + 25)},fps=${spec.fps}`;
    // Slow pan: one period of 11 s across, 17 s down, continuous across segments (case time t0).
    const t = `(t+${plan.startSeconds.toFixed(3)})`;
    const pan = `,crop=${w}:${h}:x='(iw-ow)/2*(1+sin(2*PI*${t}/11))':y='(ih-oh)/2*(1+sin(2*PI*${t}/17))'`;
    parts.push(`${still}${tile.motion === "drift" ? pan : ""}[t${index}]`);
  }
  return {
    parts,
    x: tile.fit === "contain" ? cx : tile.box[0],
    y: tile.fit === "contain" ? cy : tile.box[1],
  };
}

/** Output video frames of the segment: those whose start time falls in [start, end) of the case clock. */
function videoFrameRange(spec: SpeakerCaseSpec, plan: PlannedSegment): number {
  const fps = fpsNumber(spec.fps);
  const first = Math.floor((plan.startFrame / ANALYSIS_FPS) * fps + 1e-6);
  const next = Math.floor(((plan.startFrame + plan.frames) / ANALYSIS_FPS) * fps + 1e-6);
  return next - first;
}

function renderSegmentVideo(spec: SpeakerCaseSpec, k: number, plan: PlannedSegment, target: string): void {
  const segment = spec.segments[k]!;
  const inputs: string[] = [];
  const graph = [
    `color=c=${BACKGROUND}:s=${spec.width}x${spec.height}:r=${spec.fps}:d=${secs(plan.frames + 25)}[b0]`,
  ];
  segment.tiles.forEach((tile, index) => {
    const { parts, x, y } = tileFilter(spec, tile, plan, inputs, index);
    graph.push(...parts, `[b${index}][t${index}]overlay=x=${x}:y=${y}:eof_action=repeat[b${index + 1}]`);
  });
  run([
    ...inputs,
    ...["-filter_complex", graph.join(";"), "-map", `[b${segment.tiles.length}]`],
    ...["-frames:v", String(videoFrameRange(spec, plan)), "-r", spec.fps],
    ...["-c:v", "libx264", "-preset", "superfast", "-crf", "18", "-pix_fmt", "yuv420p"],
    ...["-video_track_timescale", "60000", "-an", target],
  ]);
}

function renderSegmentAudio(spec: SpeakerCaseSpec, plan: PlannedSegment): Int16Array {
  const samples = plan.frames * SAMPLES_PER_FRAME;
  if (plan.audio === null) return new Int16Array(samples);
  const clip = clipInfo(spec.faces[plan.audio]!.clip);
  const pieces = wrappedPieces(plan.clocks[plan.audio]!, plan.frames, clip.frames);
  const inputs: string[] = [];
  const graph: string[] = [];
  pieces.forEach((piece, p) => {
    addInput(inputs, piece.start, piece.length + 1, clip.path);
    graph.push(
      `[${p}:a]aresample=${SAMPLE_RATE},aformat=sample_fmts=s16:channel_layouts=mono,` +
        `apad=whole_len=${piece.length * SAMPLES_PER_FRAME},atrim=end_sample=${piece.length * SAMPLES_PER_FRAME},asetpts=PTS-STARTPTS[a${p}]`,
    );
  });
  graph.push(`${pieces.map((_, p) => `[a${p}]`).join("")}concat=n=${pieces.length}:v=0:a=1[a]`);
  const pcm = decodePcm([...inputs, "-filter_complex", graph.join(";"), "-map", "[a]"]);
  const exact = new Int16Array(samples);
  exact.set(pcm.subarray(0, samples));
  return exact;
}

function wavFile(samples: Int16Array): Buffer {
  const header = Buffer.alloc(44);
  const bytes = samples.length * 2;
  header.write("RIFF", 0);
  header.writeUInt32LE(36 + bytes, 4);
  header.write("WAVEfmt ", 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(SAMPLE_RATE, 24);
  header.writeUInt32LE(SAMPLE_RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36);
  header.writeUInt32LE(bytes, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, bytes)]);
}

function layoutsOf(spec: SpeakerCaseSpec, plans: PlannedSegment[]): SpeakerCaseLayout[] {
  const layouts: SpeakerCaseLayout[] = [];
  spec.segments.forEach((segment, k) => {
    const plan = plans[k]!;
    const visible = segment.tiles.map((tile) => {
      const [x, y, w, h] = contentRect(tile, clipInfo(spec.faces[tile.face]!.clip));
      return { face: tile.face, box: [x, y, x + w, y + h] as LabelBox };
    });
    const last = layouts[layouts.length - 1];
    if (last && JSON.stringify(last.visible) === JSON.stringify(visible))
      last.endFrame = plan.startFrame + plan.frames;
    else layouts.push({ startFrame: plan.startFrame, endFrame: plan.startFrame + plan.frames, visible });
  });
  return layouts;
}

function buildInto(spec: SpeakerCaseSpec, dir: string): SpeakerCaseLabels {
  const plans = planSegments(spec);
  const frameCount = plans.reduce((sum, p) => sum + p.frames, 0);
  const audio = new Int16Array(frameCount * SAMPLES_PER_FRAME);
  const list: string[] = [];
  plans.forEach((plan, k) => {
    const segmentFile = join(dir, `segment-${String(k).padStart(3, "0")}.mp4`);
    renderSegmentVideo(spec, k, plan, segmentFile);
    list.push(`file '${segmentFile}'`);
    audio.set(renderSegmentAudio(spec, plan), plan.startFrame * SAMPLES_PER_FRAME);
  });
  writeFileSync(join(dir, "segments.txt"), list.join("\n") + "\n");
  writeFileSync(join(dir, "audio.wav"), wavFile(audio));
  run([
    ...["-f", "concat", "-safe", "0", "-i", join(dir, "segments.txt"), "-i", join(dir, "audio.wav")],
    ...[
      "-map",
      "0:v",
      "-map",
      "1:a",
      "-c:v",
      "copy",
      "-c:a",
      "aac",
      "-b:a",
      "128k",
      "-ar",
      String(SAMPLE_RATE),
    ],
    ...["-movflags", "+faststart", join(dir, "video.mp4")],
  ]);
  plans.forEach((_, k) => rmSync(join(dir, `segment-${String(k).padStart(3, "0")}.mp4`)));
  rmSync(join(dir, "segments.txt"));
  rmSync(join(dir, "audio.wav"));

  const levels = computeFrameLevels({ samples: audio, samplesPerFrame: SAMPLES_PER_FRAME, frameCount });
  const audioFace = plans.flatMap((plan) => new Array<string | null>(plan.frames).fill(plan.audio));
  const thresholds: Record<string, number> = {};
  for (const [name, face] of Object.entries(spec.faces))
    if (!face.flip && !LISTENER_ONLY_CLIPS.includes(face.clip)) thresholds[name] = clipThreshold(face.clip);
  const speaking = labelSpeakingFrames({ audioFace, levels, thresholds });
  return {
    caseId: spec.id,
    split: spec.split,
    kinds: spec.kinds,
    sourceClips: [...new Set(Object.values(spec.faces).map((f) => f.clip))].sort(),
    width: spec.width,
    height: spec.height,
    fps: Math.round(fpsNumber(spec.fps) * 100) / 100,
    analysisFps: ANALYSIS_FPS,
    frameCount,
    voicingRule: VOICING_RULE,
    faces: Object.entries(spec.faces).map(([name, face]) => ({
      name,
      sourceClip: face.clip,
      ...(face.flip ? { flipped: true } : {}),
      speakingIntervals: speaking[name] ?? [],
    })),
    layouts: layoutsOf(spec, plans),
  };
}

/** Builds (or reuses) the case folder for a spec. */
export function buildSpeakerCase(spec: SpeakerCaseSpec): BuiltSpeakerCase {
  validate(spec);
  const hash = speakerCaseHash(spec);
  const dir = join(benchCacheDir(), `${spec.id}-${hash}`);
  const video = join(dir, "video.mp4");
  const labelsPath = join(dir, "labels.json");
  if (!existsSync(video) || !existsSync(labelsPath)) {
    const temp = `${dir}.partial-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(temp, { recursive: true });
    try {
      const labels = buildInto(spec, temp);
      writeFileSync(join(temp, "labels.json"), JSON.stringify(labels, null, 1) + "\n");
      rmSync(dir, { recursive: true, force: true });
      renameSync(temp, dir);
    } catch (error) {
      rmSync(temp, { recursive: true, force: true });
      throw error;
    }
  }
  const labels = readSpeakerCaseLabels(labelsPath);
  return { dir, video, labelsPath, labels, hash };
}
