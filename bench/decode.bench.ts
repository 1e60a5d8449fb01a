// What the analysis's one decode costs: ffmpeg CPU for decode-only vs the three scaled outputs (shot frame from the
// source or from the detector frame), and whether decoding overlaps a consumer that blocks its thread the way a
// synchronous onnxruntime run does. 20 s of the 1080p bench clip; variants alternate to share the machine's load.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { probeMedia, resolveBinaries, streamFrames, type VideoOutputSpec } from "../src/analysis/ffmpeg";
import { createShotDetector } from "../src/analysis/shots/create-shot-detector";
import { media, twoFace1080p } from "../test/helpers/derived-media";

const SECONDS = 20;
const RUNS = 5;

/** CPU seconds of reaped children (the ffmpeg runs), from /proc. */
function childCpuSeconds(): number {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

function ffmpegCpu(input: string, filter: string | null, formats: string[]): number {
  const { ffmpeg, env } = resolveBinaries();
  const args = ["-nostdin", "-v", "error", "-t", String(SECONDS), "-i", input];
  if (filter === null) {
    args.push("-map", "0:v:0", "-c:v", "rawvideo", "-f", "null", "-");
  } else {
    args.push("-filter_complex", filter);
    formats.forEach((format, i) =>
      args.push(
        ...["-map", `[o${i}]`, "-fps_mode", "cfr", "-r", "25", "-pix_fmt", format],
        ...["-c:v", "rawvideo", "-f", "image2pipe", "-y", "/dev/null"],
      ),
    );
  }
  const c0 = childCpuSeconds();
  execFileSync(ffmpeg, args, { env: { ...process.env, ...env } });
  return childCpuSeconds() - c0;
}

/** Wall time to stream the outputs while the consumer blocks its thread `blockMs` per frame (no CPU used). */
async function streamWithBlockingConsumer(
  input: string,
  outputs: VideoOutputSpec[],
  blockMs: number,
): Promise<{ seconds: number; waiting: number }> {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  const t0 = performance.now();
  let waiting = 0;
  let last = performance.now();
  for await (const _ of streamFrames({ input, fps: 25, durationSeconds: SECONDS, videoOutputs: outputs })) {
    waiting += performance.now() - last;
    if (blockMs > 0) Atomics.wait(sleeper, 0, 0, blockMs);
    last = performance.now();
  }
  return { seconds: (performance.now() - t0) / 1000, waiting: waiting / 1000 };
}

/**
 * Shot detection on the shot frame scaled from the source vs from the 480-px detector frame (what analyze-video
 * now does): cuts found, largest score difference, largest score that is not a cut.
 */
async function shotFrameCheck(file: string): Promise<string> {
  const info = await probeMedia(file);
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  const fit = (w: number) => {
    const scale = Math.min(1, w / info.width);
    return { width: even(info.width * scale), height: even(info.height * scale) };
  };
  const shot = fit(256);
  const direct = createShotDetector();
  const derived = createShotDetector();
  const cuts: [number[], number[]] = [[], []];
  let maxDiff = 0;
  let maxQuiet = 0;
  for await (const frame of streamFrames({
    input: file,
    fps: 25,
    videoOutputs: [
      { ...fit(480), pixelFormat: "bgr24" },
      { ...shot, pixelFormat: "rgb24" },
      { ...shot, pixelFormat: "rgb24", from: 0 },
    ],
  })) {
    if (direct.push({ rgb: frame.planes[1]!, ...shot })) cuts[0].push(frame.index);
    if (derived.push({ rgb: frame.planes[2]!, ...shot })) cuts[1].push(frame.index);
    if (frame.index === 0) continue;
    maxDiff = Math.max(maxDiff, Math.abs(direct.lastScore() - derived.lastScore()));
    if (!cuts[1].includes(frame.index)) maxQuiet = Math.max(maxQuiet, derived.lastScore());
  }
  const name = file.split("/").pop()!;
  return `| ${name} | ${JSON.stringify(direct.cuts())} | ${JSON.stringify(derived.cuts())} | ${maxDiff.toFixed(2)} | ${maxQuiet.toFixed(1)} |`;
}

export default async function decodeBench(): Promise<string> {
  const input = twoFace1080p(60);
  const fromSource =
    "[0:v:0]split=3[s0][s1][s2];[s0]scale=480:270:flags=area,format=bgr24[o0];" +
    "[s1]scale=1280:720:flags=area,format=gray[o1];[s2]scale=256:144:flags=area,format=rgb24[o2]";
  const fromDetector =
    "[0:v:0]split=2[s0][s1];[s0]scale=480:270:flags=area,format=bgr24,split=2[o0][s2];" +
    "[s1]scale=1280:720:flags=area,format=gray[o1];[s2]scale=256:144:flags=area,format=rgb24[o2]";
  const formats = ["bgr24", "gray", "rgb24"];
  const variants: Array<[string, string | null]> = [
    ["decode only (`-f null`)", null],
    ["3 outputs, each scaled from the source", fromSource],
    ["3 outputs, shot frame from the detector frame (analyze-video)", fromDetector],
  ];
  const loadStart = loadavg()[0]!;
  const cpu = variants.map(() => [] as number[]);
  for (let run = 0; run < RUNS; run++) {
    variants.forEach(([, filter], i) => cpu[i]!.push(ffmpegCpu(input, filter, formats)));
  }
  const outputs: VideoOutputSpec[] = [
    { width: 480, height: 270, pixelFormat: "bgr24" },
    { width: 1280, height: 720, pixelFormat: "gray" },
    { width: 256, height: 144, pixelFormat: "rgb24", from: 0 },
  ];
  const idle = await streamWithBlockingConsumer(input, outputs, 0);
  const blocking = await streamWithBlockingConsumer(input, outputs, 15);

  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  const lines = [
    `## Decoding for the analysis (${SECONDS} s of the 1920×1080 bench clip)`,
    "",
    `- ffmpeg CPU s (user + system), ${RUNS} runs each, variants alternating; load average ${loadStart.toFixed(2)} → ${loadavg()[0]!.toFixed(2)}`,
    "",
    "| variant | CPU s per run | mean |",
    "| --- | --- | --- |",
    ...variants.map(
      ([name], i) =>
        `| ${name} | ${cpu[i]!.map((v) => v.toFixed(1)).join(" / ")} | ${mean(cpu[i]!).toFixed(1)} |`,
    ),
    "",
    "streamFrames (analyze-video's three outputs), consumer doing nothing vs blocking its thread 15 ms per frame",
    `(${SECONDS * 25} frames, Atomics.wait: no CPU used, like a synchronous onnxruntime run would block it):`,
    "",
    "| consumer | wall s | of which waiting for frames |",
    "| --- | --- | --- |",
    `| idle | ${idle.seconds.toFixed(1)} | ${idle.waiting.toFixed(1)} |`,
    `| blocks 15 ms per frame (${((SECONDS * 25 * 15) / 1000).toFixed(1)} s in all) | ${blocking.seconds.toFixed(1)} | ${blocking.waiting.toFixed(1)} |`,
    "",
    "Full overlap means the blocking run takes max(idle, blocked time), not their sum.",
    "",
    "Shot cuts (threshold 27) with the 256-px shot frame scaled from the source vs from the 480-px detector frame:",
    "",
    "| clip | cuts, from the source | cuts, from the detector frame | largest score difference | largest non-cut score |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const file of [
    media("synthetic_two_speakers_alternating_1280x720.mp4"),
    media("remotion_template-tiktok_sample-video.mp4"),
    ...[1, 2, 3, 4, 5].map((n) => media(`videoretalking_face_${n}.mp4`)),
    input,
  ])
    lines.push(await shotFrameCheck(file));
  lines.push("");
  return lines.join("\n");
}
