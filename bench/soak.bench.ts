// Soak benchmark (opt-in: BENCH_SOAK=1 npm run bench -- soak): a 30-minute 1080p two-face file, analysed in a fresh
// Node process through the built package, sampling RSS as it goes. Target: after the first minute of media, RSS
// grows by no more than 20 %.
import { spawn } from "node:child_process";
import { concatCopies, twoFace1080p } from "../test/helpers/derived-media";
import { REPO_ROOT } from "../test/helpers/paths";

interface Sample {
  mediaSeconds: number;
  rssMiB: number;
}

function analyseSampling(file: string): Promise<{ samples: Sample[]; seconds: number; peakMiB: number }> {
  const script = `
    import { analyzeVideo } from "./dist/index.js";
    const t0 = performance.now();
    let next = 0;
    await analyzeVideo({ input: ${JSON.stringify(file)}, device: "cpu", onProgress: (p) => {
      if (p.frame < next) return;
      next = p.frame + 250;
      console.log(JSON.stringify({ mediaSeconds: p.frame / 25, rssMiB: process.memoryUsage.rss() / 2 ** 20 }));
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
  const { samples, seconds, peakMiB } = await analyseSampling(file);
  const firstMinute = Math.max(...samples.filter((s) => s.mediaSeconds <= 60).map((s) => s.rssMiB));
  const after = Math.max(...samples.filter((s) => s.mediaSeconds > 60).map((s) => s.rssMiB));
  const every5 = samples.filter((s) => s.mediaSeconds % 300 === 0);
  return [
    "## Soak (1920×1080 25 fps two-face file, 30 min, CPU)",
    "",
    `- analysis time: ${seconds.toFixed(0)} s (${((30 * 60) / seconds).toFixed(2)}× real time)`,
    `- peak RSS (maxRSS): ${peakMiB.toFixed(0)} MiB`,
    `- RSS by the end of the first minute of media: ${firstMinute.toFixed(0)} MiB; highest after it: ${after.toFixed(0)} MiB`,
    `- growth after the first minute: **${((after / firstMinute - 1) * 100).toFixed(1)} %** (target ≤ 20 %)`,
    `- RSS every 5 min of media: ${every5.map((s) => `${s.mediaSeconds / 60} min ${s.rssMiB.toFixed(0)} MiB`).join(", ")}`,
    "",
  ].join("\n");
}
