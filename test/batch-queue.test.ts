// Acceptance of `batch --queue` through the built CLI: a real redis-server on 127.0.0.1 (free port, no
// persistence, own temp folder), two `speakerframe worker` processes and a manifest of 6 jobs over 2 sources.
// One worker is SIGKILLed (with its Chromium and ffmpeg) in the middle of a render; the other takes the stalled
// job over. All 6 outputs exist and are valid, each source was analysed exactly once (report, cache and worker
// logs), no output was written twice, and the queue is empty afterwards. Then: bad input fails its job at once
// with its one line (no retries), a job from another speakerframe version is refused with a clear line, and the
// surviving worker stops gracefully on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchReport } from "../src/batch/batch-report";
import { QUEUE_NAMES } from "../src/batch/queue/queue-protocol";
import { REPO_ROOT, SHARED_MEDIA } from "./helpers/paths";
import { startRedis, type TestRedis } from "./helpers/redis-server";
import { ffprobe } from "./helpers/render-helpers";
import { runCli, type CliResult } from "./helpers/run-cli";

const FACE_2 = join(SHARED_MEDIA, "videoretalking_face_2.mp4");
const FACE_3 = join(SHARED_MEDIA, "videoretalking_face_3.mp4");
const IDS = ["a1", "a2", "a3", "b1", "b2", "b3"];

const MANIFEST = `# two 5 s sources, six 2 s shorts at 270x480
templates:
  small:
    extends: tiktok
    output: { width: 270, height: 480 }
defaults:
  template: small
jobs:
  - { id: a1, source: ${FACE_2}, start: 0, end: 2, output: out/a1.mp4 }
  - { id: a2, source: ${FACE_2}, start: 1.5, end: 3.5, output: out/a2.mp4 }
  - { id: a3, source: ${FACE_2}, start: 3, end: 5, output: out/a3.mp4 }
  - { id: b1, source: ${FACE_3}, start: 0, end: 2, output: out/b1.mp4 }
  - { id: b2, source: ${FACE_3}, start: 1.5, end: 3.5, output: out/b2.mp4, follow: P1 }
  - { id: b3, source: ${FACE_3}, start: 3, end: 5, output: out/b3.mp4 }
`;

interface WorkerProcess {
  child: ChildProcess;
  log: string;
  exit: Promise<number | null>;
}

describe("speakerframe batch --queue with two workers", () => {
  let dir: string;
  let redis: TestRedis;
  let env: Record<string, string>;
  const workers: WorkerProcess[] = [];
  let killed: WorkerProcess | undefined;
  let killedOutput = "";
  let result: CliResult;
  let report: BatchReport;

  const startWorker = (): WorkerProcess => {
    // Own process group, so a SIGKILL takes its browser and encoder with it, as when a machine dies.
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "bin", "speakerframe.js"), "worker", "--queue", redis.url, "--stall-seconds", "8"],
      { cwd: dir, env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"], detached: true },
    );
    const worker: WorkerProcess = {
      child,
      log: "",
      exit: new Promise((resolve) => child.once("exit", (code) => resolve(code))),
    };
    child.stderr!.on("data", (d: Buffer) => (worker.log += d.toString()));
    workers.push(worker);
    return worker;
  };
  const waitFor = async (what: string, test: () => boolean, timeoutMs: number) => {
    const until = Date.now() + timeoutMs;
    while (!test()) {
      if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  /** A worker rendering with no analysis of its own in flight (killing it must not repeat an analysis). */
  const renderingOnly = (w: WorkerProcess) => {
    const lines = w.log.split("\n");
    const analysing = lines.filter((l) => /worker: analysing /.test(l)).length;
    const analysed = lines.filter((l) => /worker: (analysed|reused cached analysis of) /.test(l)).length;
    const rendering = lines.filter((l) => /: rendering /.test(l)).length;
    const wrote = lines.filter((l) => /: wrote /.test(l)).length;
    return analysing === analysed && rendering > wrote;
  };
  const allLogs = () => workers.map((w) => w.log).join("\n");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "speakerframe-queue-"));
    env = { SPEAKERFRAME_CACHE: join(dir, "cache") };
    writeFileSync(join(dir, "jobs.yaml"), MANIFEST);
    redis = await startRedis();
    startWorker();
    startWorker();
    await waitFor(
      "two ready workers",
      () => workers.every((w) => /worker .* on redis:/.test(w.log)),
      240_000,
    );
    const batch = runCli(["batch", "jobs.yaml", "--queue", redis.url], { cwd: dir, env, timeoutMs: 540_000 });
    await waitFor("a worker in the middle of a render", () => workers.some(renderingOnly), 400_000);
    killed = workers.find(renderingOnly)!;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    killedOutput = [...killed.log.matchAll(/: rendering (\S+)/g)].at(-1)?.[1] ?? "";
    process.kill(-killed.child.pid!, "SIGKILL");
    result = await batch;
    report = JSON.parse(readFileSync(join(dir, "jobs.report.json"), "utf8"));
  }, 600_000);

  afterAll(async () => {
    for (const w of workers) {
      if (w.child.exitCode === null && w.child.signalCode === null) {
        try {
          process.kill(-w.child.pid!, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
    await redis?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("finishes all 6 jobs with the local batch's summary and report", () => {
    expect(result.code, result.stderr).toBe(0);
    expect(report.mode).toBe("queue");
    expect(report.summary).toMatchObject({ total: 6, rendered: 6, skipped: 0, failed: 0, pending: 0 });
    expect(result.stdout).toContain("6 job(s): 6 rendered, 0 up to date, 0 failed");
    // --follow travels with the job; the worker resolves it against the analysed timeline.
    const follows = Object.fromEntries(report.jobs.map((job) => [job.id, job.follow?.person ?? null]));
    expect(follows).toEqual({ a1: null, a2: null, a3: null, b1: null, b2: "P1", b3: null });
  });

  it("killed one worker in the middle of a render, and the other took that job over", () => {
    expect(killed).toBeDefined();
    expect(killedOutput).toMatch(/\.mp4$/);
    const survivor = workers.find((w) => w !== killed)!;
    expect(survivor.log).toContain(`: rendering ${killedOutput}`);
    expect(survivor.log).toContain(`: wrote ${killedOutput}`);
    expect(killed!.log).not.toContain(`: wrote ${killedOutput}`);
  });

  it("writes 6 valid shorts, each exactly once", async () => {
    for (const id of IDS) {
      const output = join(dir, "out", `${id}.mp4`);
      const probe = await ffprobe(output);
      const video = probe.streams.find((s) => s.codec_type === "video");
      expect(video, id).toMatchObject({ codec_name: "h264", width: 270, height: 480 });
      expect(probe.streams.find((s) => s.codec_type === "audio")?.codec_name, id).toBe("aac");
      expect(Math.abs(Number(probe.format.duration) - 2), id).toBeLessThan(0.15);
      expect(existsSync(`${output}.speakerframe.json`), id).toBe(true);
      expect(allLogs().split(`: wrote ${output}\n`).length - 1, id).toBe(1);
    }
    const visible = readdirSync(join(dir, "out")).filter((f) => !f.startsWith("."));
    expect(visible.sort()).toEqual(IDS.flatMap((id) => [`${id}.mp4`, `${id}.mp4.speakerframe.json`]).sort());
  });

  it("analysed each source exactly once (report, cache and worker logs)", () => {
    expect(report.sources.map((s) => [s.source, s.analyses, s.cacheHits, s.error])).toEqual([
      [FACE_2, 1, 0, null],
      [FACE_3, 1, 0, null],
    ]);
    expect(readdirSync(join(dir, "cache", "timelines")).filter((f) => f.endsWith(".json"))).toHaveLength(2);
    for (const source of [FACE_2, FACE_3]) {
      expect(allLogs().split(`worker: analysed ${source} `).length - 1, source).toBe(1);
    }
    expect(allLogs()).not.toContain("reused cached analysis");
  });

  it("leaves the queue empty", async () => {
    for (const name of Object.values(QUEUE_NAMES)) {
      const queue = new Queue(name, { connection: { host: "127.0.0.1", port: redis.port } });
      const counts = await queue.getJobCounts();
      await queue.close();
      expect(
        Object.values(counts).reduce((a, b) => a + b, 0),
        `${name} ${JSON.stringify(counts)}`,
      ).toBe(0);
    }
  });

  it("fails bad input at once with its one line, and refuses a job from another version", async () => {
    writeFileSync(
      join(dir, "bad.yaml"),
      `jobs:\n  - { id: late, source: ${FACE_2}, start: 3, end: 9, size: 270x480, output: out/late.mp4 }\n`,
    );
    const bad = await runCli(["batch", "bad.yaml", "--queue", redis.url], {
      cwd: dir,
      env,
      timeoutMs: 120_000,
    });
    const badReport: BatchReport = JSON.parse(readFileSync(join(dir, "bad.report.json"), "utf8"));
    expect(bad.code).toBe(1);
    expect(badReport.jobs[0]!.status).toBe("failed");
    expect(badReport.jobs[0]!.error).toMatch(
      /^clip 3\.00\.\.9\.00 s is outside the video, which lasts 5\.0\d s; change --start\/--end$/,
    );
    expect(allLogs()).not.toMatch(/late: rendering/);
    expect(allLogs().match(/render-\w+ failed: .*\(attempt 1 of 3; retried\)/g) ?? []).toHaveLength(0);

    const queue = new Queue(QUEUE_NAMES.render, { connection: { host: "127.0.0.1", port: redis.port } });
    const job = await queue.add("render", { protocol: 1, speakerframe: "0.0.1-old", jobId: "x" });
    await waitFor("the refusal", () => /speakerframe 0\.0\.1-old/.test(allLogs()), 60_000);
    const failed = await queue.getJob(job.id!);
    expect(await failed!.getState()).toBe("failed");
    expect(failed!.attemptsMade).toBe(1);
    expect(failed!.failedReason).toMatch(
      /^render job \S+ comes from speakerframe 0\.0\.1-old \(queue protocol 1\); this is speakerframe [\d.]+ \(protocol 1\): run the same version on the batch machine and every worker$/,
    );
    await queue.obliterate({ force: true });
    await queue.close();
  });

  it("stops the surviving worker gracefully on SIGTERM", async () => {
    const survivor = workers.find((w) => w !== killed)!;
    survivor.child.kill("SIGTERM");
    expect(await survivor.exit).toBe(0);
    expect(survivor.log).toMatch(/worker: stopped\n$/);
  });
});
