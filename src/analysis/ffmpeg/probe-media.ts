// Typed media metadata from ffprobe.
import { execa } from "execa";
import { resolveBinaries } from "./resolve-binaries";
import { fileInputUrl } from "./file-input-url";
import { CancelledError } from "../../errors";
import { MediaError, assertReadableFile, describeFfmpegFailure } from "./media-error";

export interface Rational {
  num: number;
  den: number;
}

export interface MediaInfo {
  path: string;
  /** Display size in source px, rotation applied. */
  width: number;
  height: number;
  /** Stored (coded) size in px, before rotation. */
  codedWidth: number;
  codedHeight: number;
  /** Clockwise rotation in degrees applied on display. */
  rotation: 0 | 90 | 180 | 270;
  /** Nominal frame rate (the stream's base rate, r_frame_rate). */
  fps: Rational;
  /** Average frame rate (frames / duration); differs from fps for variable-frame-rate files. */
  averageFps: Rational;
  variableFrameRate: boolean;
  durationSeconds: number;
  /** Video frame count (from the container, or estimated from duration × fps). */
  frameCount: number;
  videoCodec: string;
  hasAudio: boolean;
  audioSampleRate: number | null;
  audioChannels: number | null;
}

interface ProbeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  duration?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}

function parseRational(text: string | undefined): Rational | null {
  if (!text) return null;
  const [n, d] = text.split("/").map(Number);
  if (!n || !d || !Number.isFinite(n) || !Number.isFinite(d)) return null;
  return { num: n, den: d };
}

function normaliseRotation(degrees: number): 0 | 90 | 180 | 270 {
  // ffprobe's display matrix rotation is counter-clockwise; tags.rotate is clockwise.
  const r = (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
  return r as 0 | 90 | 180 | 270;
}

export async function probeMedia(input: string, options: { signal?: AbortSignal } = {}): Promise<MediaInfo> {
  assertReadableFile(input);
  const { ffprobe, env } = resolveBinaries();
  const result = await execa(
    ffprobe,
    ["-v", "error", "-show_streams", "-show_format", "-of", "json", fileInputUrl(input)],
    { env, reject: false, cancelSignal: options.signal, stripFinalNewline: true },
  );
  if (options.signal?.aborted) throw new CancelledError(`probing ${input} was interrupted`);
  if (result.exitCode !== 0) throw new MediaError(describeFfmpegFailure(input, String(result.stderr)));
  const json = JSON.parse(String(result.stdout)) as {
    streams?: ProbeStream[];
    format?: { duration?: string; format_name?: string };
  };
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (!video) {
    const what = streams.length === 0 ? "has no audio or video streams" : "has no video stream";
    throw new MediaError(`${input} ${what}`);
  }
  const audio = streams.find((s) => s.codec_type === "audio");
  const codedWidth = video.width ?? 0;
  const codedHeight = video.height ?? 0;
  if (codedWidth <= 0 || codedHeight <= 0) throw new MediaError(`${input} has a video stream without a size`);

  const matrixRotation = video.side_data_list?.find((d) => typeof d.rotation === "number")?.rotation;
  const rotation =
    matrixRotation !== undefined
      ? normaliseRotation(-matrixRotation)
      : normaliseRotation(Number(video.tags?.rotate ?? 0));
  const swap = rotation === 90 || rotation === 270;

  const averageFps = parseRational(video.avg_frame_rate) ??
    parseRational(video.r_frame_rate) ?? { num: 25, den: 1 };
  const base = parseRational(video.r_frame_rate);
  // Some containers report a timebase-like r_frame_rate (e.g. 90000/1): fall back to the average then.
  const fps = base && base.num / base.den <= 240 ? base : averageFps;
  const durationSeconds = Number(video.duration ?? json.format?.duration ?? 0) || 0;
  const declaredFrames = Number(video.nb_frames ?? 0);
  const frameCount =
    declaredFrames > 0 ? declaredFrames : Math.round((durationSeconds * averageFps.num) / averageFps.den);
  const nominal = fps.num / fps.den;
  const average = averageFps.num / averageFps.den;
  // A constant-rate stream has avg == r_frame_rate; allow rounding noise of the average.
  const variableFrameRate = Math.abs(nominal - average) / nominal > 0.002;

  return {
    path: input,
    width: swap ? codedHeight : codedWidth,
    height: swap ? codedWidth : codedHeight,
    codedWidth,
    codedHeight,
    rotation,
    fps,
    averageFps,
    variableFrameRate,
    durationSeconds,
    frameCount,
    videoCodec: video.codec_name ?? "unknown",
    hasAudio: Boolean(audio),
    audioSampleRate: audio?.sample_rate ? Number(audio.sample_rate) : null,
    audioChannels: audio?.channels ?? null,
  };
}
