// Analysis speed on a 1080p two-face clip (the worst case: two faces scored on every frame) beside ffmpeg's
// decode-only time of the same file (same run), the per-stage split, peak RSS of a 10-minute input against a
// 1-minute one, and the same figures on a 10-minute multi-camera podcast edit (the real-footage layout, built by
// the speaker benchmark's case builder; BENCH_PODCAST=0 skips it, BENCH_PODCAST_SECONDS sets its length).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { analyzeVideo } from "../src/analysis/analyze-video";
import { resolveBinaries } from "../src/analysis/ffmpeg";
import { concatCopies, twoFace1080p } from "../test/helpers/derived-media";
import { REPO_ROOT } from "../test/helpers/paths";

/** CPU seconds of this process's reaped children (ffmpeg, ffprobe), from /proc; NaN where there is none. */
function childCpuSeconds(): number {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, clock ticks (USER_HZ = 100)
}

function decodeOnlySeconds(file: string): { seconds: number; cpu: number } {
  const { ffmpeg, env } = resolveBinaries();
  const c0 = childCpuSeconds();
  const t0 = performance.now();
  execFileSync(
    ffmpeg,
    ["-nostdin", "-v", "error", "-i", file, "-map", "0:v:0", "-c:v", "rawvideo", "-f", "null", "-"],
    {
      env: { ...process.env, ...env },
    },
  );
  return { seconds: (performance.now() - t0) / 1000, cpu: childCpuSeconds() - c0 };
}

interface FreshAnalysis {
  /** Peak RSS, MiB. */
  rss: number;
  seconds: number;
  /** CPU seconds of Node + onnxruntime, and of the ffmpeg children. */
  cpu: number;
  ffmpegCpu: number;
  stages: Record<string, number>;
}

/** A fresh Node process analysing `file` through the built package: wall time, peak RSS, CPU split, stages. */
function peakRssMiB(file: string): FreshAnalysis {
  const script = `
    import { readFileSync } from "node:fs";
    import { analyzeVideo } from "./dist/node.js";
    const childCpu = () => {
      const f = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
      return (Number(f[13]) + Number(f[14])) / 100;
    };
    let stages = {};
    const t0 = performance.now();
    await analyzeVideo({ input: ${JSON.stringify(file)}, device: "cpu", onProgress: (p) => (stages = p.stageSeconds) });
    const u = process.resourceUsage();
    console.log(JSON.stringify({
      rss: u.maxRSS / 1024,
      seconds: (performance.now() - t0) / 1000,
      cpu: (u.userCPUTime + u.systemCPUTime) / 1e6,
      ffmpegCpu: childCpu(),
      stages,
    }));
  `;
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: REPO_ROOT,
    encoding: "utf8",
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!);
}

export default async function bench(): Promise<string> {
  const oneMinute = twoFace1080p(60);
  const loadStart = loadavg()[0]!;
  const { seconds: decode, cpu: decodeCpu } = decodeOnlySeconds(oneMinute);
  let stages: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const children0 = childCpuSeconds();
  const t0 = performance.now();
  const timeline = await analyzeVideo({
    input: oneMinute,
    device: "cpu",
    onProgress: (p) => (stages = p.stageSeconds),
  });
  const analysis = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const analysisCpu = (cpu.user + cpu.system) / 1e6;
  const ffmpegCpu = childCpuSeconds() - children0;
  const media = timeline.source.durationSeconds;
  const lines = [
    "## Analysis (1920×1080 25 fps two-face clip, 60 s, CPU)",
    "",
    "| measure | value |",
    "|---|---|",
    `| ffmpeg decode-only | ${decode.toFixed(1)} s |`,
    `| speakerframe analyze | ${analysis.toFixed(1)} s |`,
    `| analysis / decode-only | **${(analysis / decode).toFixed(2)}×** (target ≤ 3×) |`,
    `| real-time factor (media s / analysis s) | **${(media / analysis).toFixed(2)}×** (target ≥ 2×) |`,
    `| tracks / shots | ${timeline.tracks.length} / ${timeline.shots.length} |`,
    `| CPU s: decode-only ffmpeg / analysis (Node + onnxruntime + ffmpeg) | ${decodeCpu.toFixed(1)} / ${(analysisCpu + ffmpegCpu).toFixed(1)} (${analysisCpu.toFixed(1)} + ${ffmpegCpu.toFixed(1)} ffmpeg) |`,
    `| defaults | detect every ${timeline.analysis.detector.detectEvery} frames at ${timeline.analysis.detector.inputWidth} px |`,
    `| load average (1 min) at start / end | ${loadStart.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} |`,
    "",
    "Stage split (s): " +
      Object.entries(stages)
        .map(([k, v]) => `${k} ${v.toFixed(1)}`)
        .join(", "),
    "",
  ];
  // The same clip with --scoring fast, right after (same run, same load), for the side-by-side ratio.
  const fastStart = performance.now();
  await analyzeVideo({ input: oneMinute, device: "cpu", scoring: "fast" });
  const fast = (performance.now() - fastStart) / 1000;
  lines.push(
    `With \`scoring: "fast"\` (analyze --scoring fast): ${fast.toFixed(1)} s, ${(fast / decode).toFixed(2)}× decode-only, ${(media / fast).toFixed(2)}× real time (exact: ${analysis.toFixed(1)} s, ${(analysis / fast).toFixed(2)}× slower).`,
    "",
  );
  if (process.env.BENCH_LONG !== "0") {
    const tenMinutes = concatCopies(oneMinute, 10, "two-face-1080p-600s.mp4");
    const short = peakRssMiB(oneMinute);
    const long = peakRssMiB(tenMinutes);
    lines.push(
      "| input | analysis s | peak RSS |",
      "|---|---|---|",
      `| 1 min | ${short.seconds.toFixed(1)} | ${short.rss.toFixed(0)} MiB |`,
      `| 10 min | ${long.seconds.toFixed(1)} | ${long.rss.toFixed(0)} MiB |`,
      "",
      `Peak RSS growth 10 min / 1 min: **${(long.rss / short.rss).toFixed(3)}×** (target < 1.2×).`,
      "",
    );
  }
  if (process.env.BENCH_PODCAST !== "0") lines.push(...(await podcastSection()));
  return lines.join("\n");
}

export async function podcastSection(): Promise<string[]> {
  const seconds = Number(process.env.BENCH_PODCAST_SECONDS ?? 600);
  const { buildSpeakerCase } = await import("./speaker-bench/build-speaker-case");
  const { podcastLayoutCase } = await import("./speaker-bench/speaker-cases");
  const built = buildSpeakerCase(podcastLayoutCase(seconds));
  const loadStart = loadavg()[0]!;
  const decode = decodeOnlySeconds(built.video);
  const run = peakRssMiB(built.video);
  const stages = Object.entries(run.stages)
    .map(([k, v]) => `${k} ${v.toFixed(1)}`)
    .join(", ");
  return [
    `## Analysis (1920×1080 30 fps multi-camera podcast, ${seconds} s, CPU)`,
    "",
    "| measure | value |",
    "|---|---|",
    `| ffmpeg decode-only | ${decode.seconds.toFixed(1)} s |`,
    `| speakerframe analyze (fresh process) | ${run.seconds.toFixed(1)} s |`,
    `| analysis / decode-only | **${(run.seconds / decode.seconds).toFixed(2)}×** |`,
    `| real-time factor | **${(seconds / run.seconds).toFixed(2)}×** (target ≥ 8×) |`,
    `| peak RSS | ${run.rss.toFixed(0)} MiB (target ≤ 1536) |`,
    `| CPU s: decode-only ffmpeg / analysis | ${decode.cpu.toFixed(1)} / ${(run.cpu + run.ffmpegCpu).toFixed(1)} (${run.cpu.toFixed(1)} + ${run.ffmpegCpu.toFixed(1)} ffmpeg) |`,
    `| load average (1 min) at start / end | ${loadStart.toFixed(2)} / ${loadavg()[0]!.toFixed(2)} |`,
    "",
    `Stage split (s): ${stages}`,
    "",
  ];
}
