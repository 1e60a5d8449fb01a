// Timeline reports: the HTML (inline SVG, no scripts, no network) built from a timeline and a camera plan, the PNG
// made by headless Chromium, and `speakerframe analyze --report` through the built CLI (`npm test` builds first).
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cameraMetrics } from "../src/compositions/camera/camera-metrics";
import { planCamera } from "../src/compositions/camera/plan-camera";
import { buildReportHtml } from "../src/report/build-report-html";
import { writeReport } from "../src/report/write-report";
import { REPO_ROOT, SHARED_MEDIA } from "./helpers/paths";
import { runCli } from "./helpers/run-cli";
import { labelsTimeline, SYNTHETIC_CLIP } from "./helpers/synthetic-timeline";

const timeline = labelsTimeline();
const plan = planCamera({ timeline, output: { width: 1080, height: 1920 }, fps: 25 });
const metrics = cameraMetrics({ plan, timeline });

describe("buildReportHtml", () => {
  const { html, widthPx, heightPx } = buildReportHtml({ timeline, plan, metrics, title: "<b>episode</b>" });

  it("draws score curves per track, the speaker band, shot cuts and the camera path", () => {
    expect(html.match(/<path d="M[^"]+" stroke="[^"]+" class="series">/g)).toHaveLength(
      timeline.tracks.length,
    );
    expect(html.match(/<rect [^>]*><title>track \d speaks/g)!.length).toBeGreaterThanOrEqual(3);
    // One shot cut (at 10.08 s), drawn across each of the three charts.
    expect(html.match(/class="cut"><title>shot cut at 10\.1s/g)).toHaveLength(3);
    expect(html).toContain('class="window"');
    expect(html).toContain('class="camera"');
    expect(html).toMatch(/camera cut at 10\.1s/);
    expect(html).toContain("speaker's face inside the window");
    expect(widthPx).toBe(1200);
    expect(heightPx).toBeGreaterThan(500);
  });

  it("is self-contained and escapes text", () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="https?:/);
    expect(html).toContain("&lt;b&gt;episode&lt;/b&gt;");
  });

  it("works without a plan and with an empty timeline", () => {
    expect(buildReportHtml({ timeline, plan: null }).html).not.toContain('class="camera"');
    const empty = {
      ...timeline,
      analysis: { ...timeline.analysis, frameCount: 0 },
      tracks: [],
      shots: [],
      activeSpeaker: [],
    };
    expect(buildReportHtml({ timeline: empty, plan: null }).html).toContain("<svg");
  });
});

describe("writeReport", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "speakerframe-report-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes HTML with preview frames of the source (faces and the camera window on them)", async () => {
    const output = join(dir, "r.html");
    await writeReport({ timeline, output, video: SYNTHETIC_CLIP, frameCount: 3 });
    const html = readFileSync(output, "utf8");
    expect(html.match(/<image href="data:image\/jpeg;base64,/g)).toHaveLength(3);
    expect(html).toMatch(/stroke-dasharray="18 10"/);
  });

  it("writes a PNG of the page through headless Chromium", async () => {
    const output = join(dir, "r.png");
    const written = await writeReport({ timeline, output, video: SYNTHETIC_CLIP, frameCount: 3 });
    const png = PNG.sync.read(readFileSync(output));
    expect(png.width).toBe(1200);
    expect(png.height).toBe(written.heightPx);
    // Not blank: the charts put plenty of non-white pixels on the page.
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) dark++;
    expect(dark / (png.width * png.height)).toBeGreaterThan(0.01);
  });

  it("rejects other extensions", async () => {
    await expect(writeReport({ timeline, output: join(dir, "r.pdf") })).rejects.toThrow(
      /--report ".*r\.pdf" must end in \.html or \.png/,
    );
  });
});

describe("speakerframe analyze --report", () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(REPO_ROOT, "dist", "cli.js")))
      execFileSync("npx", ["tsup"], { cwd: REPO_ROOT, stdio: "ignore" });
    dir = mkdtempSync(join(tmpdir(), "speakerframe-analyze-report-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("writes the timeline and an HTML report beside it", async () => {
    const video = join(SHARED_MEDIA, "videoretalking_face_5.mp4");
    const result = await runCli(["analyze", video, "-o", "t.json", "--report", "report.html"], {
      cwd: dir,
      timeoutMs: 120_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`report: ${join(dir, "report.html")}`);
    const html = readFileSync(join(dir, "report.html"), "utf8");
    expect(html).toContain("<svg");
    expect(html).toMatch(/class="series"/);
    expect(html).toContain("data:image/jpeg;base64,");
  });

  it("refuses a report name it cannot write before analysing", async () => {
    const result = await runCli(
      ["analyze", join(SHARED_MEDIA, "videoretalking_face_5.mp4"), "--report", "r.txt"],
      {
        cwd: dir,
        timeoutMs: 30_000,
      },
    );
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe('speakerframe: --report "r.txt" must end in .html or .png');
  });
});
