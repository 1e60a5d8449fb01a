import { mkdtempSync, writeFileSync, readFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MediaError, probeMedia, readAudio, streamFrames } from "../src/analysis/ffmpeg";
import { derivedMedia } from "./helpers/derived-media";
import { SHARED_MEDIA } from "./helpers/paths";

const media = (name: string) => join(SHARED_MEDIA, name);

describe("probeMedia", () => {
  it("reads size, rate, frames and audio of a real clip", async () => {
    const info = await probeMedia(media("videoretalking_face_1.mp4"));
    expect(info.width).toBe(700);
    expect(info.height).toBe(700);
    expect(info.fps.num / info.fps.den).toBeCloseTo(30, 5);
    expect(info.hasAudio).toBe(true);
    expect(info.audioSampleRate).toBe(44100);
    expect(info.rotation).toBe(0);
    // This clip is genuinely variable-rate: 135 frames over 6.1 s with a 30 fps base.
    expect(info.averageFps.num / info.averageFps.den).toBeCloseTo(22.13, 2);
    expect(info.variableFrameRate).toBe(true);
    expect(info.durationSeconds).toBeGreaterThan(6);
    expect(info.frameCount).toBe(135);
  });

  it("reads the labelled two-speaker clip", async () => {
    const info = await probeMedia(media("synthetic_two_speakers_alternating_1280x720.mp4"));
    expect([info.width, info.height]).toEqual([1280, 720]);
    expect(info.fps).toEqual({ num: 25, den: 1 });
    expect(info.variableFrameRate).toBe(false);
    expect(info.frameCount).toBe(404);
  });

  it("reads a 59.94 fps portrait clip", async () => {
    const info = await probeMedia(media("remotion_template-tiktok_sample-video.mp4"));
    expect([info.width, info.height]).toEqual([1080, 1920]);
    expect(info.fps.num / info.fps.den).toBeCloseTo(59.94, 2);
  });

  it("gives one-line errors for missing, empty, directory and non-media inputs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-probe-"));
    const empty = join(dir, "empty.mp4");
    writeFileSync(empty, "");
    const text = join(dir, "notes.mp4");
    writeFileSync(text, "this is not a video\n".repeat(50));
    const folder = join(dir, "folder.mp4");
    mkdirSync(folder);
    const cases: [string, RegExp][] = [
      [join(dir, "missing.mp4"), /missing\.mp4 does not exist/],
      [empty, /empty\.mp4 is empty/],
      [folder, /folder\.mp4 is a directory/],
      [text, /notes\.mp4 is not a readable media file/],
    ];
    for (const [path, message] of cases) {
      const error = await probeMedia(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MediaError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain("\n");
    }
  });

  it("names a file that has no video stream", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-probe-"));
    const wav = join(dir, "sound.wav");
    writeFileSync(wav, readFileSync(media("tiwater_pycrop_00000.wav")));
    await expect(probeMedia(wav)).rejects.toThrow(/sound\.wav has no video stream/);
  });
});

describe("streamFrames", () => {
  it("decodes two scaled outputs and audio from one process on a 25 fps grid", async () => {
    const stream = streamFrames({
      input: media("videoretalking_face_1.mp4"),
      fps: 25,
      videoOutputs: [
        { width: 64, height: 64, pixelFormat: "rgb24" },
        { width: 128, height: 128, pixelFormat: "gray" },
      ],
      audioSampleRate: 16000,
    });
    let count = 0;
    for await (const frame of stream) {
      expect(frame.planes[0]!.length).toBe(64 * 64 * 3);
      expect(frame.planes[1]!.length).toBe(128 * 128);
      expect(frame.index).toBe(count);
      count++;
    }
    // 6.13 s of 30 fps video resampled to 25 fps.
    expect(count).toBeGreaterThanOrEqual(152);
    expect(count).toBeLessThanOrEqual(155);
    const audio = await stream.audio;
    expect(audio!.length / 16000).toBeGreaterThan(6);
  });

  it("scales an output from an earlier one and keeps the grid with a 2-frame read-ahead and a slow consumer", async () => {
    const input = media("videoretalking_face_3.mp4");
    const direct: Uint8Array[] = [];
    for await (const frame of streamFrames({
      input,
      fps: 25,
      videoOutputs: [{ width: 96, height: 96, pixelFormat: "bgr24" }],
    }))
      direct.push(frame.planes[0]!);
    const stream = streamFrames({
      input,
      fps: 25,
      readAheadBytes: 1,
      videoOutputs: [
        { width: 96, height: 96, pixelFormat: "bgr24" },
        { width: 160, height: 160, pixelFormat: "gray" },
        { width: 32, height: 32, pixelFormat: "rgb24", from: 0 },
      ],
    });
    let count = 0;
    for await (const frame of stream) {
      expect(frame.index).toBe(count);
      expect(frame.planes.map((p) => p.length)).toEqual([96 * 96 * 3, 160 * 160, 32 * 32 * 3]);
      // The first output is the same frame as when decoded alone.
      expect(Buffer.compare(frame.planes[0]!, direct[count]!)).toBe(0);
      if (count % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 20));
      count++;
    }
    expect(count).toBe(direct.length);
    expect(() =>
      streamFrames({
        input,
        fps: 25,
        videoOutputs: [{ width: 32, height: 32, pixelFormat: "gray", from: 0 }],
      }),
    ).toThrow(/earlier output/);
  });

  it("stops ffmpeg when the consumer breaks early", async () => {
    const stream = streamFrames({
      input: media("synthetic_two_speakers_alternating_1280x720.mp4"),
      fps: 25,
      videoOutputs: [{ width: 320, height: 180, pixelFormat: "rgb24" }],
    });
    let seen = 0;
    for await (const _ of stream) {
      if (++seen === 3) break;
    }
    expect(seen).toBe(3);
  });

  it("rejects with a one-line error on a truncated file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sf-trunc-"));
    const truncated = join(dir, "cut.mp4");
    const bytes = readFileSync(media("videoretalking_face_1.mp4"));
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const run = async () => {
      for await (const _ of streamFrames({
        input: truncated,
        fps: 25,
        videoOutputs: [{ width: 64, height: 64, pixelFormat: "gray" }],
      }));
    };
    await expect(run()).rejects.toThrow(/cut\.mp4/);
  });
});

describe("readAudio", () => {
  it("decodes 16 kHz mono PCM identical to the fixture wav", async () => {
    const pcm = await readAudio({ input: media("tiwater_pycrop_00000.wav"), sampleRate: 16000 });
    expect(pcm.length).toBe(494080);
  });

  it("keeps the audio on the container's timestamps in a file joined with concat -c copy", async () => {
    // Ten 0.6 s AAC segments joined without re-encoding: each joint repeats the next segment's priming.
    const segments = Array.from({ length: 10 }, (_, i) =>
      derivedMedia(`audio-segment-${i}.mp4`, [
        ...["-ss", String(0.5 + 0.3 * i), "-t", "0.6", "-i", media("videoretalking_face_2.mp4")],
        ...["-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-ar", "48000"],
      ]),
    );
    const dir = mkdtempSync(join(tmpdir(), "sf-concat-"));
    writeFileSync(join(dir, "list.txt"), segments.map((s) => `file '${s}'`).join("\n"));
    const joined = derivedMedia("audio-joined.mp4", [
      ...["-f", "concat", "-safe", "0", "-i", join(dir, "list.txt"), "-c", "copy"],
    ]);
    const info = await probeMedia(joined);
    const pcm = await readAudio({ input: joined, sampleRate: 16000 });
    // Decoded without the timestamp filter the audio runs 0.20 s past the 6.2 s video (measured); with it 0.06 s
    // (the 20 ms threshold, the video's 21 ms start offset and the last AAC frame).
    expect(Math.abs(pcm.length / 16000 - info.durationSeconds)).toBeLessThan(0.08);
  });
});
