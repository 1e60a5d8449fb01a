// Decodes the first audio stream to mono signed 16-bit PCM at a given rate.
import { execa } from "execa";
import { resolveBinaries } from "./resolve-binaries";
import { fileInputUrl } from "./file-input-url";
import { CancelledError } from "../../errors";
import { MediaError, assertReadableFile, describeFfmpegFailure } from "./media-error";
import { decodeWavPcm16 } from "../audio/decode-wav-pcm16";

/**
 * Keeps the samples on the container's timestamps. Files joined without re-encoding (`ffmpeg -f concat -c copy`)
 * repeat each segment's AAC priming at the joint, so plain decoding plays ~25 ms more per joint and the audio drifts
 * later than the video (0.25 s after 10 joints); aresample trims or pads wherever the drift passes 20 ms (half an
 * analysis frame). Clean files decode to the same bytes as without it.
 */
export const AUDIO_ON_TIMESTAMPS_FILTER = "aresample=async=1:min_hard_comp=0.02";

export interface ReadAudioOptions {
  input: string;
  /** Output sample rate in Hz (the ASD models use 16000). */
  sampleRate: number;
  startSeconds?: number;
  durationSeconds?: number;
  signal?: AbortSignal;
}

export async function readAudio(options: ReadAudioOptions): Promise<Int16Array> {
  assertReadableFile(options.input);
  const { ffmpeg, env } = resolveBinaries();
  const args = ["-nostdin", "-hide_banner", "-loglevel", "error"];
  if (options.startSeconds) args.push("-ss", String(options.startSeconds));
  if (options.durationSeconds !== undefined) args.push("-t", String(options.durationSeconds));
  args.push("-i", fileInputUrl(options.input));
  // Remotion's ffmpeg build has no raw s16le muxer: stream a WAV and strip its header.
  args.push(
    "-map",
    "0:a:0",
    "-af",
    AUDIO_ON_TIMESTAMPS_FILTER,
    "-ac",
    "1",
    "-ar",
    String(options.sampleRate),
    "-c:a",
    "pcm_s16le",
    "-f",
    "wav",
    "pipe:1",
  );
  const result = await execa(ffmpeg, args, {
    env,
    encoding: "buffer",
    reject: false,
    cancelSignal: options.signal,
    maxBuffer: 2 ** 31 - 1,
  });
  if (options.signal?.aborted) throw new CancelledError(`decoding ${options.input} was interrupted`);
  if (result.exitCode !== 0) {
    const stderr = Buffer.from(result.stderr as Uint8Array).toString();
    if (/matches no streams/i.test(stderr)) throw new MediaError(`${options.input} has no audio stream`);
    throw new MediaError(describeFfmpegFailure(options.input, stderr));
  }
  return decodeWavPcm16(result.stdout as Uint8Array).samples;
}
