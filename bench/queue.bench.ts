// `batch --queue` scale-out: wall time of the acceptance test's 6-job manifest (2 sources of 5 s, six 2 s shorts at
// 270x480) with 1 and then 2 workers on this machine, each run with a fresh timeline cache (both analyses run),
// against a throwaway redis-server. Wall time is the batch's own (enqueue to last result), workers already started
// and bundled. The sum of the analysis and render seconds the workers report is printed beside it; it is not a
// measure of queue overhead, since one worker runs an analysis and a render at the same time. The per-job overhead
// comes from a third run, 1 worker over the first run's cache: every analysis is a cache hit, so the worker's
// renders run one after another and wall time minus the summed render time is what the queue adds (enqueue,
// polling, hand-over, timeline read, the ffprobe check, the sidecar). BENCH_QUEUE_SKIP_TWO=1 skips the 2-worker run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import type { BatchReport } from "../src/batch/batch-report";
import { REPO_ROOT, SHARED_MEDIA } from "../test/helpers/paths";
import { startRedis, type TestRedis } from "../test/helpers/redis-server";
import { runCli } from "../test/helpers/run-cli";

const FACE_2 = join(SHARED_MEDIA, "videoretalking_face_2.mp4");
const FACE_3 = join(SHARED_MEDIA, "videoretalking_face_3.mp4");
const MANIFEST = `templates:
  small: { extends: tiktok, output: { width: 270, height: 480 } }
defaults: { template: small }
jobs:
${[FACE_2, FACE_3]
  .flatMap((source, s) =>
    [0, 1.5, 3].map(
      (start, i) =>
        `  - { id: s${s}j${i}, source: ${source}, start: ${start}, end: ${start + 2}, output: out/s${s}j${i}.mp4 }`,
    ),
  )
  .join("\n")}
`;

async function startWorkers(redis: TestRedis, count: number, env: Record<string, string>) {
  const workers: { child: ChildProcess; log: string }[] = [];
  for (let i = 0; i < count; i++) {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "bin", "speakerframe.js"), "worker", "--queue", redis.url],
      { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] },
    );
    const worker = { child, log: "" };
    child.stderr!.on("data", (d: Buffer) => (worker.log += d.toString()));
    workers.push(worker);
  }
  while (!workers.every((w) => /worker .* on redis:/.test(w.log))) {
    if (workers.some((w) => w.child.exitCode !== null)) throw new Error(workers.map((w) => w.log).join("\n"));
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    stop: () =>
      Promise.all(
        workers.map(
          (w) =>
            new Promise<void>((resolve) => {
              w.child.once("exit", () => resolve());
              w.child.kill("SIGTERM");
            }),
        ),
      ),
  };
}

async function runOnce(redis: TestRedis, workerCount: number, cache: string): Promise<BatchReport> {
  const dir = mkdtempSync(join(tmpdir(), "speakerframe-bench-queue-"));
  try {
    const env = { SPEAKERFRAME_CACHE: cache };
    writeFileSync(join(dir, "jobs.yaml"), MANIFEST);
    const workers = await startWorkers(redis, workerCount, env);
    const result = await runCli(["batch", "jobs.yaml", "--queue", redis.url], {
      cwd: dir,
      env,
      timeoutMs: 900_000,
    });
    await workers.stop();
    if (result.code !== 0) throw new Error(`batch failed: ${result.stderr}`);
    return JSON.parse(readFileSync(join(dir, "jobs.report.json"), "utf8")) as BatchReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export default async function queueBench(): Promise<string> {
  const redis = await startRedis();
  const caches = mkdtempSync(join(tmpdir(), "speakerframe-bench-queue-caches-"));
  try {
    const load = loadavg()[0]!.toFixed(1);
    const one = await runOnce(redis, 1, join(caches, "one"));
    const warm = await runOnce(redis, 1, join(caches, "one"));
    const two =
      process.env.BENCH_QUEUE_SKIP_TWO === "1" ? null : await runOnce(redis, 2, join(caches, "two"));
    const loadAfter = loadavg()[0]!.toFixed(1);
    const busy = (r: BatchReport) =>
      r.sources.reduce((a, s) => a + s.analysisSeconds, 0) + r.jobs.reduce((a, j) => a + j.renderSeconds, 0);
    const renders = warm.jobs.reduce((a, j) => a + j.renderSeconds, 0);
    const overhead = (warm.seconds - renders) / warm.jobs.length;
    return [
      "## batch --queue: 1 vs 2 workers (6 jobs, 2 sources)",
      "",
      `${cpus().length} cores, load ${load} at start, ${loadAfter} at the end. Command: \`npm run bench -- queue\`.`,
      "",
      "| workers | wall s | analysis + render s (sum) | rendered |",
      "| ---: | ---: | ---: | ---: |",
      ...(
        [
          ["1", one],
          ["1, analyses cached", warm],
          ["2", two],
        ] as [string, BatchReport | null][]
      ).flatMap(([n, r]) =>
        r ? [`| ${n} | ${r.seconds.toFixed(1)} | ${busy(r).toFixed(1)} | ${r.summary.rendered} |`] : [],
      ),
      "",
      two ? `Speed-up with 2 workers: ${(one.seconds / two.seconds).toFixed(2)}x.` : "2-worker run skipped.",
      `Queue overhead per job (cached run: wall ${warm.seconds.toFixed(1)} s − renders ${renders.toFixed(1)} s, over ${warm.jobs.length} jobs): ${overhead.toFixed(2)} s.`,
    ].join("\n");
  } finally {
    await redis.stop();
    rmSync(caches, { recursive: true, force: true });
  }
}
