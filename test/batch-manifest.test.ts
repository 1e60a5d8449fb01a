// Manifest parsing and validation (JSON, YAML, CSV), templates, job hashes and strict times: pure, no media.
import { describe, expect, it } from "vitest";
import { computeJobHash } from "../src/batch/compute-job-hash";
import { formatBatchSummary } from "../src/batch/format-batch-summary";
import { parseCsv } from "../src/batch/parse-csv";
import { parseManifest, type ParseManifestInput } from "../src/batch/parse-manifest";
import type { BatchReport } from "../src/batch/batch-report";
import { parseTimecode } from "../src/render/parse-timecode";
import { BUILT_IN_TEMPLATES, resolveTemplate } from "../src/render/resolve-template";

const parse = (text: string, format: ParseManifestInput["format"], extra: Partial<ParseManifestInput> = {}) =>
  parseManifest({ text, format, path: "/work/jobs/manifest", ...extra });
const errorOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected an error");
};

describe("parseTimecode", () => {
  it("reads seconds, mm:ss, hh:mm:ss and SRT-style commas", () => {
    expect(parseTimecode("75.5")).toBe(75.5);
    expect(parseTimecode(12)).toBe(12);
    expect(parseTimecode("01:15")).toBe(75);
    expect(parseTimecode("00:12:30")).toBe(750);
    expect(parseTimecode("1:02:03.5")).toBe(3723.5);
    expect(parseTimecode("00:01:15,500")).toBe(75.5);
  });
  it("rejects minutes or seconds of 60 and more after a larger unit, and junk", () => {
    for (const bad of ["12:99", "1:60:00", "abc", "-3", "1:2:3:4", "", "5s"])
      expect(parseTimecode(bad)).toBeNull();
    expect(parseTimecode(-1)).toBeNull();
  });
});

describe("templates", () => {
  it("has the built-in presets with their sizes", () => {
    expect(resolveTemplate({ name: "tiktok" }).output).toEqual({ width: 1080, height: 1920 });
    expect(resolveTemplate({ name: "square" }).output).toEqual({ width: 1080, height: 1080 });
    expect(resolveTemplate({ name: "portrait" }).output).toEqual({ width: 1080, height: 1350 });
    expect(resolveTemplate({}).output).toEqual(BUILT_IN_TEMPLATES.tiktok!.output);
  });
  it("follows extends chains and merges camera / captions key by key, overrides last", () => {
    const resolved = resolveTemplate({
      name: "brand-small",
      templates: {
        brand: {
          extends: "square",
          captions: { highlightColor: "#ff0", uppercase: true },
          camera: { maxZoom: 2 },
        },
        "brand-small": {
          extends: "brand",
          output: { width: 540, height: 540 },
          captions: { uppercase: false },
        },
      },
      overrides: { camera: { panSeconds: 0.5 }, fps: 30 },
    });
    expect(resolved).toMatchObject({
      output: { width: 540, height: 540 },
      captions: { highlightColor: "#ff0", uppercase: false },
      camera: { maxZoom: 2, panSeconds: 0.5 },
      fps: 30,
    });
  });
  it("names unknown templates and cycles", () => {
    expect(() => resolveTemplate({ name: "tiktk" })).toThrow(
      /template "tiktk" does not exist; use one of: tiktok, square, portrait/,
    );
    expect(() =>
      resolveTemplate({ name: "a", templates: { a: { extends: "b" }, b: { extends: "a" } } }),
    ).toThrow(/extends itself \(a -> b -> a\)/);
  });
});

describe("parseManifest", () => {
  const yaml = `
templates:
  small:
    extends: tiktok
    output: { width: 270, height: 480 }
defaults:
  template: small
jobs:
  - id: intro
    source: talk.mp4
    start: "00:12:30"
    end: 765.5
    srt: subs/talk.srt
    output: out/intro.mp4
  - source: /media/other.mp4
    template: square
    size: 540x540
    overrides: { captions: { uppercase: true }, showDebug: true }
    output: out/two.mp4
`;

  it("resolves YAML jobs: paths against the manifest folder, times to seconds, templates and overrides", () => {
    const { jobs } = parse(yaml, "yaml");
    expect(jobs).toHaveLength(2);
    expect(jobs[0]).toMatchObject({
      index: 0,
      id: "intro",
      source: "/work/jobs/talk.mp4",
      srt: "/work/jobs/subs/talk.srt",
      words: null,
      startSeconds: 750,
      endSeconds: 765.5,
      templateName: "small",
      template: { output: { width: 270, height: 480 } },
      output: "/work/jobs/out/intro.mp4",
    });
    expect(jobs[1]).toMatchObject({
      id: "job-2",
      source: "/media/other.mp4",
      startSeconds: 0,
      endSeconds: null,
      templateName: "square",
      template: { output: { width: 540, height: 540 }, captions: { uppercase: true }, showDebug: true },
    });
  });

  it("accepts JSON, also as a bare array of jobs", () => {
    const { jobs } = parse(JSON.stringify([{ source: "a.mp4", output: "a.short.mp4", start: 3 }]), "json");
    expect(jobs[0]).toMatchObject({
      source: "/work/jobs/a.mp4",
      startSeconds: 3,
      template: { output: { width: 1080 } },
    });
  });

  it("reads CSV with quoted cells, camera.* / captions.* columns and typed values", () => {
    const csv = [
      "# shorts for episode 12",
      "id,source,start,end,srt,template,output,size,camera.maxZoom,captions.fontWeight,captions.uppercase,fps",
      'a,"ep 12, final.mp4",00:01:00,00:01:30,ep12.srt,portrait,out/a.mp4,,2,800,true,30',
      "b,ep12.mp4,10,20,,,out/b.mp4,270x480,,,,",
      "",
    ].join("\n");
    const { jobs } = parse(csv, "csv");
    expect(jobs[0]).toMatchObject({
      id: "a",
      source: "/work/jobs/ep 12, final.mp4",
      startSeconds: 60,
      endSeconds: 90,
      templateName: "portrait",
      template: {
        output: { width: 1080, height: 1350 },
        camera: { maxZoom: 2 },
        captions: { fontWeight: "800", uppercase: true },
        fps: 30,
      },
    });
    expect(jobs[1]).toMatchObject({ srt: null, template: { output: { width: 270, height: 480 } } });
  });

  it("validates the whole manifest first and names the job and the field", () => {
    const message = errorOf(() =>
      parse(
        JSON.stringify({
          jobs: [
            { source: "a.mp4", output: "a1.mp4" },
            { source: "a.mp4", output: "a2.mp4" },
            {
              source: "a.mp4",
              start: "12:99",
              output: "a3.mp4",
              overrides: { captions: { fontWeigth: "800" } },
            },
          ],
        }),
        "json",
      ),
    );
    expect(message).toContain('jobs[2].start: "12:99" is not a time');
    expect(message).toContain("jobs[2].overrides.captions.fontWeigth: unknown field");
    expect(message.split("\n")).toHaveLength(1);
  });

  it("checks cross-field rules: end after start, templates, unique outputs and ids, containers, files", () => {
    const message = errorOf(() =>
      parse(
        JSON.stringify({
          jobs: [
            { id: "x", source: "a.mp4", start: 10, end: 5, output: "o.mp4" },
            { id: "x", source: "b.mp4", template: "tiktk", output: "o.mp4" },
            { source: "c.mp4", srt: "missing.srt", output: "c.gif" },
          ],
        }),
        "json",
        { fileExists: (p) => !p.endsWith("missing.srt") },
      ),
    );
    expect(message).toContain("jobs[0].end: 5 s must be after start 10 s");
    expect(message).toContain('jobs[1].id: "x" is also the id of jobs[0]');
    expect(message).toContain('jobs[1].template: template "tiktk" does not exist');
    expect(message).toContain('jobs[1].output: "o.mp4" is also the output of jobs[0]');
    expect(message).toContain('jobs[2].output: "c.gif" must end in .mp4');
    expect(message).toContain('jobs[2].srt: "missing.srt" does not exist');
  });

  it("names bad CSV columns and unreadable YAML", () => {
    expect(errorOf(() => parse("source,output,colour\na.mp4,b.mp4,red\n", "csv"))).toMatch(
      /column "colour" is not a job field/,
    );
    expect(errorOf(() => parse("jobs: [", "yaml"))).toMatch(
      /^manifest \/work\/jobs\/manifest is not valid YAML/,
    );
    expect(errorOf(() => parse("{}", "json"))).toContain("jobs:");
  });

  it("needs a source URL per job with --lambda, or builds it from --source-base-url", () => {
    const text = JSON.stringify({ jobs: [{ source: "dir/ep 1.mp4", output: "a.mp4" }] });
    expect(errorOf(() => parse(text, "json", { lambda: {} }))).toContain(
      "jobs[0].sourceUrl: required with --lambda",
    );
    const { jobs } = parse(text, "json", { lambda: { sourceBaseUrl: "https://cdn.example.com/media/" } });
    expect(jobs[0]!.sourceUrl).toBe("https://cdn.example.com/media/ep%201.mp4");
  });
});

describe("parseCsv", () => {
  it("handles quotes, doubled quotes, CRLF and embedded line breaks", () => {
    expect(parseCsv('a,"b ""c""",d\r\n"x\ny",,z\n')).toEqual([
      ["a", 'b "c"', "d"],
      ["x\ny", "", "z"],
    ]);
  });
});

describe("computeJobHash", () => {
  const base = {
    analysisKey: "k1",
    startSeconds: 1,
    endSeconds: 3,
    srtText: "1\n00:00:01,000 --> 00:00:02,000\nhi\n",
    wordsText: "",
    template: resolveTemplate({ name: "tiktok" }),
    output: "/o/a.mp4",
    render: { target: "local" as const },
  };
  it("is stable for the same job and changes with anything that changes the bytes", () => {
    const hash = computeJobHash(base);
    expect(computeJobHash({ ...base, template: resolveTemplate({ name: "tiktok" }) })).toBe(hash);
    expect(computeJobHash({ ...base, output: "/elsewhere/b.mp4" })).toBe(hash);
    for (const changed of [
      { analysisKey: "k2" },
      { endSeconds: 3.5 },
      { srtText: `${base.srtText} ` },
      { wordsText: "[]" },
      { template: resolveTemplate({ name: "tiktok", overrides: { captions: { uppercase: true } } }) },
      { render: { target: "local" as const, crf: 23 } },
      { output: "/o/a.mkv" },
      { follow: { who: "P2", file: null } },
    ]) {
      expect(computeJobHash({ ...base, ...changed })).not.toBe(hash);
    }
  });
});

describe("formatBatchSummary", () => {
  it("prints one row per job and the analyses per source", () => {
    const report = {
      seconds: 12.3,
      summary: { total: 2, rendered: 1, skipped: 0, failed: 1, cancelled: 0, pending: 0 },
      sources: [{ source: "/w/a.mp4", analyses: 1, cacheHits: 0 }],
      jobs: [
        { id: "a", status: "rendered", renderSeconds: 4.2, error: null, output: "/w/out/a.mp4" },
        {
          id: "bad",
          status: "failed",
          renderSeconds: 0,
          error: "bad.srt cue 1: malformed time",
          output: "/w/out/b.mp4",
        },
      ],
    } as unknown as BatchReport;
    const text = formatBatchSummary(report, "/w");
    expect(text).toContain("a    rendered  4.2      out/a.mp4");
    expect(text).toContain("bad  failed    0.0      bad.srt cue 1: malformed time");
    expect(text).toContain("2 job(s): 1 rendered, 0 up to date, 1 failed in 12.3 s");
    expect(text).toContain("analyses: a.mp4 x1");
  });
});

describe("loadTemplateConfig", () => {
  it("reads YAML templates and names a misspelt option", async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { loadTemplateConfig } = await import("../src/render/load-template-config");
    const dir = mkdtempSync(join(tmpdir(), "speakerframe-config-"));
    try {
      writeFileSync(
        join(dir, "ok.yaml"),
        "templates:\n  brand:\n    extends: portrait\n    captions: { textColor: '#fff' }\n",
      );
      expect(await loadTemplateConfig(join(dir, "ok.yaml"))).toEqual({
        brand: { extends: "portrait", captions: { textColor: "#fff" } },
      });
      writeFileSync(
        join(dir, "bad.json"),
        JSON.stringify({ templates: { brand: { camera: { maxZoom: 9 } } } }),
      );
      await expect(loadTemplateConfig(join(dir, "bad.json"))).rejects.toThrow(
        /^config .*bad\.json: templates\.brand\.camera\.maxZoom: Too big: expected number to be <=6 \(got 9\)$/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("checkClipCovered", () => {
  it("names the clip and what the timeline covers", async () => {
    const { checkClipCovered } = await import("../src/render/check-timeline-source");
    const { labelsTimeline } = await import("./helpers/synthetic-timeline");
    const timeline = labelsTimeline();
    expect(() =>
      checkClipCovered({ timeline, timelineOrigin: "t.json", startSeconds: 2, endSeconds: 8 }),
    ).not.toThrow();
    expect(() =>
      checkClipCovered({ timeline, timelineOrigin: "t.json", startSeconds: 15, endSeconds: 20 }),
    ).toThrow("clip 15.00..20.00 s is outside the video, which lasts 16.16 s; change --start/--end");
    const partial = {
      ...timeline,
      analysis: { ...timeline.analysis, frameCount: 100 },
      activeSpeaker: timeline.activeSpeaker.slice(0, 100),
    };
    expect(() =>
      checkClipCovered({ timeline: partial, timelineOrigin: "t.json", startSeconds: 2, endSeconds: 8 }),
    ).toThrow(/outside t\.json, which covers 0\.\.4\.00 s only/);
  });
});

describe("follow in a manifest", () => {
  it("keeps person ids and times as given and resolves face images and voice samples against the manifest folder", () => {
    const { jobs } = parse(
      JSON.stringify({
        jobs: [
          { source: "a.mp4", output: "a.out.mp4", follow: "P2" },
          { source: "a.mp4", output: "b.out.mp4", follow: "faces/anna.jpg" },
          { source: "a.mp4", output: "c.out.mp4" },
          { source: "a.mp4", output: "d.out.mp4", follow: "voices/anna.wav" },
        ],
      }),
      "json",
    );
    expect(jobs.map((j) => j.follow)).toEqual([
      "P2",
      "/work/jobs/faces/anna.jpg",
      null,
      "/work/jobs/voices/anna.wav",
    ]);
    const csv = parse("source,output,follow\na.mp4,a.out.mp4,01:23.5\n", "csv");
    expect(csv.jobs[0]!.follow).toBe("01:23.5");
  });
});
