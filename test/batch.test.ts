// Acceptance, through the built CLI (`npm test` builds dist/ first; a missing build is made here): a batch of 3
// jobs over 2 sources renders 3 valid shorts with each source analysed once; a second run renders nothing; a job
// with a bad SRT fails alone with a clear message while the others succeed, and the exit code is non-zero.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BatchReport } from "../src/batch/batch-report";
import { SHARED_MEDIA, REPO_ROOT } from "./helpers/paths";
import { ffprobe } from "./helpers/render-helpers";
import { runCli, type CliResult } from "./helpers/run-cli";

const FACE_2 = join(SHARED_MEDIA, "videoretalking_face_2.mp4");
const FACE_3 = join(SHARED_MEDIA, "videoretalking_face_3.mp4");

const GOOD_SRT = `1
00:00:00,600 --> 00:00:01,500
Hello and welcome.

2
00:00:01,600 --> 00:00:02,400
[zoom 1.2] Closer now.
`;
const BAD_SRT = `1
00:00:01,000 --> 00:00:0x,500
Broken time line.
`;
const WORDS = [
  { word: " We", start: 1.1, end: 1.3 },
  { word: " talk", start: 1.3, end: 1.6 },
  { word: " about", start: 1.6, end: 1.9 },
  { word: " cameras.", start: 1.9, end: 2.6 },
];

const MANIFEST = `# two sources, three shorts, small output for CI
templates:
  small:
    extends: tiktok
    output: { width: 270, height: 480 }
    captions: { highlightColor: "#39ff88" }
defaults:
  template: small
jobs:
  - id: a
    source: ${FACE_2}
    start: 0.5
    end: "00:00:02.5"
    srt: good.srt
    output: out/a.mp4
  - id: b
    source: ${FACE_2}
    start: 2
    end: 4
    template: square
    size: 270x270
    output: out/b.mp4
  - id: c
    source: ${FACE_3}
    start: 1
    end: 3
    words: words.json
    overrides: { captions: { uppercase: true } }
    output: out/c.mp4
`;

function ensureCliBuilt(): void {
  if (!existsSync(join(REPO_ROOT, "dist", "cli.js")))
    execFileSync("npx", ["tsup"], { cwd: REPO_ROOT, stdio: "ignore" });
}

describe("speakerframe batch", () => {
  let dir: string;
  let env: Record<string, string>;
  let first: CliResult;
  let report: BatchReport;
  const run = (manifest: string, timeoutMs = 240_000) =>
    runCli(["batch", manifest], { cwd: dir, env, timeoutMs });

  beforeAll(async () => {
    ensureCliBuilt();
    dir = mkdtempSync(join(tmpdir(), "speakerframe-batch-"));
    // A fresh timeline cache, so "analysed once" means the models really ran once per source.
    env = { SPEAKERFRAME_CACHE: join(dir, "cache") };
    writeFileSync(join(dir, "good.srt"), GOOD_SRT);
    writeFileSync(join(dir, "bad.srt"), BAD_SRT);
    writeFileSync(join(dir, "words.json"), JSON.stringify({ words: WORDS }));
    writeFileSync(join(dir, "jobs.yaml"), MANIFEST);
    first = await run("jobs.yaml");
    report = JSON.parse(readFileSync(join(dir, "jobs.report.json"), "utf8"));
  }, 300_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("renders the 3 jobs and exits 0 with a summary table", () => {
    expect(first.code, first.stderr).toBe(0);
    expect(report.summary).toMatchObject({ total: 3, rendered: 3, skipped: 0, failed: 0 });
    expect(first.stdout).toMatch(/^job\s+status\s+seconds\s+output/m);
    expect(first.stdout).toContain("3 job(s): 3 rendered, 0 up to date, 0 failed");
    expect(first.stdout).toContain(`report: ${join(dir, "jobs.report.json")}`);
  });

  it("analyses each source exactly once (from the report)", () => {
    expect(report.sources).toHaveLength(2);
    for (const source of report.sources) {
      expect(source, source.source).toMatchObject({ analyses: 1, cacheHits: 0, error: null });
    }
    expect(report.sources.find((s) => s.source === FACE_2)!.jobs).toBe(2);
  });

  it("writes valid shorts: size, duration and an audio track", async () => {
    const expected = { a: [270, 480, 2], b: [270, 270, 2], c: [270, 480, 2] } as const;
    for (const [id, [width, height, seconds]] of Object.entries(expected)) {
      const probe = await ffprobe(join(dir, "out", `${id}.mp4`));
      const video = probe.streams.find((s) => s.codec_type === "video");
      const audio = probe.streams.find((s) => s.codec_type === "audio");
      expect(video, id).toMatchObject({ codec_name: "h264", width, height });
      expect(audio?.codec_name, id).toBe("aac");
      expect(Math.abs(Number(probe.format.duration) - seconds), id).toBeLessThan(0.15);
      const job = report.jobs.find((j) => j.id === id)!;
      expect(job).toMatchObject({
        status: "rendered",
        width,
        height,
        fps: 25,
        durationInFrames: seconds * 25,
      });
      expect(existsSync(join(dir, "out", `${id}.mp4.speakerframe.json`))).toBe(true);
    }
  });

  it("renders nothing on a second run: every output is up to date", async () => {
    const mtimes = ["a", "b", "c"].map((id) => statSync(join(dir, "out", `${id}.mp4`)).mtimeMs);
    const again = await run("jobs.yaml", 60_000);
    const second: BatchReport = JSON.parse(readFileSync(join(dir, "jobs.report.json"), "utf8"));
    expect(again.code, again.stderr).toBe(0);
    expect(second.summary).toMatchObject({ rendered: 0, skipped: 3, failed: 0 });
    expect(second.sources.map((s) => s.analyses)).toEqual([0, 0]);
    expect(["a", "b", "c"].map((id) => statSync(join(dir, "out", `${id}.mp4`)).mtimeMs)).toEqual(mtimes);
  });

  it("fails a job with a bad SRT alone, renders the others, exits non-zero", async () => {
    const manifest = `${MANIFEST}  - id: bad
    source: ${FACE_3}
    start: 0
    end: 2
    srt: bad.srt
    output: out/bad.mp4
  - id: d
    source: ${FACE_3}
    start: 3
    end: 4.5
    srt: good.srt
    output: out/d.mp4
`;
    writeFileSync(join(dir, "more.yaml"), manifest);
    const result = await runCli(["batch", "more.yaml", "--report", "more-report.json"], {
      cwd: dir,
      env,
      timeoutMs: 240_000,
    });
    const third: BatchReport = JSON.parse(readFileSync(join(dir, "more-report.json"), "utf8"));
    expect(result.code).toBe(1);
    const bad = third.jobs.find((j) => j.id === "bad")!;
    expect(bad.status).toBe("failed");
    expect(bad.error).toBe(
      `${join(dir, "bad.srt")} cue 1: malformed time "00:00:01,000 --> 00:00:0x,500"; expected HH:MM:SS,mmm --> HH:MM:SS,mmm`,
    );
    expect(existsSync(join(dir, "out", "bad.mp4"))).toBe(false);
    expect(third.jobs.find((j) => j.id === "d")).toMatchObject({ status: "rendered", durationInFrames: 38 });
    expect(third.summary).toMatchObject({ total: 5, rendered: 1, skipped: 3, failed: 1 });
    // face_3's timeline came from the cache of the first run: looked up once, not re-analysed.
    expect(third.sources.find((s) => s.source === FACE_3)).toMatchObject({ analyses: 1, cacheHits: 1 });
    expect(result.stdout).toMatch(/^bad\s+failed\s+.*cue 1: malformed time/m);
    expect((await ffprobe(join(dir, "out", "d.mp4"))).streams.map((s) => s.codec_type).sort()).toEqual([
      "audio",
      "video",
    ]);
  });

  it("rejects an invalid manifest before any work, naming the job and the field", async () => {
    writeFileSync(
      join(dir, "invalid.json"),
      JSON.stringify({
        jobs: [
          { source: FACE_2, output: "x.mp4" },
          { source: FACE_2, start: "12:99", output: "y.mp4" },
        ],
      }),
    );
    const result = await runCli(["batch", "invalid.json"], { cwd: dir, env, timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'speakerframe: manifest invalid.json: jobs[1].start: "12:99" is not a time; use seconds (75.5) or [hh:]mm:ss(.s) with mm, ss < 60',
    );
    expect(existsSync(join(dir, "invalid.report.json"))).toBe(false);
  });
});
