// Soak benchmark (opt-in: BENCH_SOAK=1 npm run bench -- soak): a 30-minute 1080p two-face file, analysed in a fresh
// Node process through the built package, sampling RSS and the pace as it goes. Target (issue 7): no growth in RSS
// after the first minute beyond 20 %. The first minute's figure is the peak RSS of analysing that minute alone
// (a fresh process, same file): a window's ASD scoring runs at its end, so the first minute's memory is only
// all there once it is scored, and a sample taken while still decoding it would understate it.
import { spawn } from "node:child_process";
import { concatCopies, twoFace1080p } from "../test/helpers/derived-media";
import { REPO_ROOT } from "../test/helpers/paths";

interface Sample {
  mediaSeconds: number;
  rssMiB: number;
  /** Wall seconds since the analysis started. */
  seconds: number;
}

function analyseSampling(
  file: string,
  durationSeconds: number,
): Promise<{ samples: Sample[]; seconds: number; peakMiB: number }> {
  const script = `
    import { analyzeVideo } from "./dist/node.js";
    const t0 = performance.now();
    let next = 0;
    await analyzeVideo({ input: ${JSON.stringify(file)}, device: "cpu", durationSeconds: ${durationSeconds}, onProgress: (p) => {
      if (p.frame < next) return;
      next = p.frame + 250;
      console.log(JSON.stringify({ mediaSeconds: p.frame / 25, rssMiB: process.memoryUsage.rss() / 2 ** 20, seconds: (performance.now() - t0) / 1000 }));
    } });
    console.log(JSON.stringify({ done: true, seconds: (performance.now() - t0) / 1000, peakMiB: process.resourceUsage().maxRSS / 1024 }));
  `;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", script], { cwd: REPO_ROOT });
    const samples: Sample[] = [];
    let tail = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      tail += chunk.toString();
      const lines = tail.split("\n");
      tail = lines.pop()!;
      for (const line of lines) {
        const value = JSON.parse(line) as Sample & { done?: boolean; seconds: number; peakMiB: number };
        if (value.done) resolve({ samples, seconds: value.seconds, peakMiB: value.peakMiB });
        else samples.push(value);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("exit", (code) => code !== 0 && reject(new Error(`soak run failed (${code}): ${stderr}`)));
  });
}

export default async function bench(): Promise<string> {
  if (process.env.BENCH_SOAK !== "1")
    return "## Soak (30 min 1080p)\n\nSkipped: set BENCH_SOAK=1 (takes about half an hour).\n";
  const file = concatCopies(twoFace1080p(60), 30, "two-face-1080p-1800s.mp4");
  const firstMinute = await analyseSampling(file, 60);
  const { samples, seconds, peakMiB } = await analyseSampling(file, 30 * 60);
  const every5 = samples.filter((s) => s.mediaSeconds % 300 === 0);
  const pace = every5.slice(1).map((s, i) => ({
    minutes: `${every5[i]!.mediaSeconds / 60}–${s.mediaSeconds / 60}`,
    realTime: (s.mediaSeconds - every5[i]!.mediaSeconds) / (s.seconds - every5[i]!.seconds),
  }));
  return [
    "## Soak (1920×1080 25 fps two-face file, 30 min, CPU)",
    "",
    `- analysis time: ${seconds.toFixed(0)} s (${((30 * 60) / seconds).toFixed(2)}× real time); the first minute alone: ${firstMinute.seconds.toFixed(1)} s (${(60 / firstMinute.seconds).toFixed(2)}×)`,
    `- pace per 5 min of media (× real time): ${pace.map((p) => `${p.minutes} min ${p.realTime.toFixed(2)}×`).join(", ")}`,
    `- peak RSS (maxRSS), 30 min: ${peakMiB.toFixed(0)} MiB; the first minute alone: ${firstMinute.peakMiB.toFixed(0)} MiB`,
    `- growth after the first minute: **${((peakMiB / firstMinute.peakMiB - 1) * 100).toFixed(1)} %** (target ≤ 20 %)`,
    `- RSS every 5 min of media (it swings with each 60 s scoring window): ${every5.map((s) => `${s.mediaSeconds / 60} min ${s.rssMiB.toFixed(0)} MiB`).join(", ")}`,
    "",
  ].join("\n");
}
