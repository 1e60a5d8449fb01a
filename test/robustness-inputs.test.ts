// Issue 17, inputs that looked valid enough to get far: hostile checkpoints that exhaust memory without running
// code, faststart MP4s cut after their index, a timeline scored against another video's labels, pipes and devices
// given as files, errno codes, a missing TMPDIR and browser console noise. Through the real CLI, as root like CI
// (mkfifo, mounts).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { MODEL_MANIFEST } from "../src/analysis/models/model-manifest";
import { deflatedZeros, pickle, writeZip, type DeflatedEntry } from "./helpers/checkpoint-bytes";
import { derivedMedia, media } from "./helpers/derived-media";
import { documented, expectFailure } from "./helpers/expect-cli";
import { peakRss } from "./helpers/peak-rss";
import { errorLines, runCli } from "./helpers/run-cli";
import { labelsTimeline, SYNTHETIC_CLIP, SYNTHETIC_LABELS } from "./helpers/synthetic-timeline";

/** Peak RSS allowed to a CLI run refusing a hostile checkpoint (node itself takes about 130 MB). */
const MAX_RSS_MB = 600;
const GiB = 1024 ** 3;

let work: string;
let syntheticTimeline: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sf-inputs-"));
  syntheticTimeline = join(work, "synthetic.timeline.json");
  writeFileSync(syntheticTimeline, JSON.stringify(labelsTimeline()));
});

function dir(name: string): string {
  const path = join(work, name);
  mkdirSync(path, { recursive: true });
  return path;
}

describe("6: a hostile checkpoint is refused in one line without exhausting memory", () => {
  let zeros: DeflatedEntry;
  beforeAll(async () => {
    zeros = await deflatedZeros(GiB);
  }, 120_000);

  /** `models add-talknet FILE` (how a user's checkpoint gets in), expecting one line naming the file and low RSS. */
  async function expectRefused(name: string, message: RegExp): Promise<void> {
    const d = dir("checkpoints");
    const path = join(d, name);
    const rss = peakRss(join(d, `${name}.rss`));
    await expectFailure(["models", "add-talknet", path, "--cache", dir("checkpoint-cache")], 1, message, {
      env: rss.env,
      timeoutMs: 120_000,
    });
    const megabytes = rss.megabytes();
    expect(megabytes, `peak RSS ${megabytes.toFixed(0)} MB`).toBeLessThan(MAX_RSS_MB);
  }

  it("stride-0 views of a one-element storage (a ~1 KB file asking for 3 GB) are refused by size", async () => {
    const views = ["w0", "w1", "w2"].map((name): [string, Buffer] => [
      name,
      pickle.tensor("FloatStorage", "0", 1, 0, [16384, 16384], [0, 0]),
    ]);
    const data = pickle.stateDict(views);
    writeZip(join(dir("checkpoints"), "stride0.model"), {
      "stride0/data.pkl": data,
      "stride0/data/0": Buffer.from(Float32Array.of(1).buffer),
    });
    expect(data.length).toBeLessThan(2000);
    await expectRefused(
      "stride0.model",
      /stride0\.model: "w0" has shape \[16384,16384\], more than the 67108864 elements a checkpoint tensor may have/,
    );
    documented("more than the 67108864 elements a checkpoint tensor may have");
  });

  it("a view reaching past its storage is refused before the storage is read", async () => {
    writeZip(join(dir("checkpoints"), "reach.model"), {
      "reach/data.pkl": pickle.stateDict([["w", pickle.tensor("FloatStorage", "0", 4, 1, [2, 3], [3, 1])]]),
      "reach/data/0": zeros,
    });
    await expectRefused(
      "reach.model",
      /reach\.model: "w" \(shape \[2,3\], strides \[3,1\], offset 1\) reaches element 6 of a 4-element storage/,
    );
  });

  it("a 2 MB zip of two 1 GiB zero entries: the unreferenced one is never inflated, the other stops at its size", async () => {
    const d = dir("checkpoints");
    const referenced = pickle.stateDict([["w", pickle.tensor("FloatStorage", "0", 4, 0, [4], [1])]]);
    writeZip(join(d, "bomb.model"), {
      "bomb/data.pkl": referenced,
      "bomb/data/0": zeros,
      "bomb/data/1": zeros,
    });
    await expectRefused(
      "bomb.model",
      /bomb\.model: entry bomb\/data\/0 inflates to more than the 16 bytes its 4-element float32 storage holds/,
    );
    // The same with headers that claim 16 bytes: counted while inflating, not taken from the header.
    writeZip(join(d, "lying.model"), {
      "lying/data.pkl": referenced,
      "lying/data/0": { ...zeros, uncompressedSize: 16 },
      "lying/data/1": { ...zeros, uncompressedSize: 16 },
    });
    await expectRefused(
      "lying.model",
      /lying\.model: entry lying\/data\/0 inflates to more than the 16 bytes/,
    );
    // An honest checkpoint beside a 1 GiB entry nothing references reads fine as far as the checkpoint goes.
    writeZip(join(d, "extra.model"), {
      "extra/data.pkl": referenced,
      "extra/data/0": Buffer.from(Float32Array.of(1, 2, 3, 4).buffer),
      "extra/data/9": zeros,
    });
    await expectRefused("extra.model", /extra\.model \(1 tensors, w\.\*\) is not a TalkNet checkpoint/);
    documented("inflates to more than the");
  }, 180_000);

  it("a 2^20 x 2^20 shape and a 200,000-deep _metadata are one-line errors, not internal errors", async () => {
    const d = dir("checkpoints");
    writeZip(join(d, "huge.model"), {
      "huge/data.pkl": pickle.stateDict([
        ["w", pickle.tensor("FloatStorage", "0", 1, 0, [2 ** 20, 2 ** 20], [2 ** 20, 1])],
      ]),
      "huge/data/0": Buffer.from(Float32Array.of(1).buffer),
    });
    await expectRefused(
      "huge.model",
      /huge\.model: "w" has shape \[1048576,1048576\], more than the 67108864/,
    );

    const { op, text, int } = pickle;
    const nested = Buffer.concat([int(0), Buffer.alloc(200_000, 0x85)]); // 0, then TUPLE1 200,000 times
    const metadata = Buffer.concat([op(0x7d), text("_metadata"), nested, op(0x73)]); // {"_metadata": ((…(0,)…),)}
    writeZip(join(d, "deep.model"), {
      "deep/data.pkl": pickle.stateDict([], metadata),
    });
    await expectRefused("deep.model", /deep\.model: data\.pkl: _metadata nests deeper than 100 levels/);

    // A pickle that keeps memoizing is stopped at the memo bound, whatever the file's size allows.
    const memoizing = Buffer.concat([op(0x80, 0x02, 0x4e), Buffer.alloc(1_100_000, 0x94), op(0x2e)]);
    writeZip(join(d, "memo.model"), { "memo/data.pkl": memoizing });
    await expectRefused("memo.model", /memo\.model: data\.pkl memoizes more than 1000000 values/);
    documented("nests deeper than 100 levels");
  }, 120_000);
});

describe("10: a faststart MP4 cut after its index is truncated, not a short clip", () => {
  let faststart: string;
  let cuts: Record<"half" | "most", string>;
  beforeAll(() => {
    // moov first: the cut file still probes as the whole 5 s, and only decoding finds the end of the data.
    faststart = derivedMedia("face3-faststart.mp4", [
      ...["-i", media("videoretalking_face_3.mp4"), "-c", "copy", "-movflags", "+faststart"],
    ]);
    const bytes = readFileSync(faststart);
    expect(bytes.toString("latin1", 4, 8)).toBe("ftyp");
    expect(bytes.indexOf("moov")).toBeLessThan(bytes.indexOf("mdat"));
    const d = dir("truncated");
    cuts = { half: join(d, "clip-50.mp4"), most: join(d, "clip-99.mp4") };
    writeFileSync(cuts.half, bytes.subarray(0, Math.floor(bytes.length * 0.5)));
    writeFileSync(cuts.most, bytes.subarray(0, Math.floor(bytes.length * 0.99)));
  });

  it("analyze fails naming the container duration and what decodes, at 50 % and at 99 %", async () => {
    const out = join(dir("truncated-out"), "t.json");
    await expectFailure(
      ["analyze", cuts.half, "-o", out],
      1,
      /clip-50\.mp4 is truncated: container says 5\.0 s, only 2\.\d s decodes; re-download or re-export it, or pass --allow-truncated/,
    );
    await expectFailure(
      ["analyze", cuts.most, "-o", out],
      1,
      /clip-99\.mp4 is truncated: container says 5\.0\d s, only 4\.9\d s decodes/,
    );
    expect(readdirSync(dir("truncated-out"))).toEqual([]);
    // The whole faststart file is not truncated.
    const whole = await runCli(["analyze", faststart, "-o", out, "--json"]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(JSON.parse(whole.stdout).frames).toBe(125);
    documented("is truncated: container says");
  });

  it("render fails the same way; --allow-truncated analyses what decodes and warns once", async () => {
    const env = { SPEAKERFRAME_CACHE: join(dir("truncated-cache"), "cache") };
    await expectFailure(
      ["render", cuts.half, "--end", "1", "-o", join(dir("truncated-out"), "s.mp4")],
      1,
      /clip-50\.mp4 is truncated: container says 5\.0 s, only 2\.\d s decodes/,
      { env },
    );
    const out = join(dir("truncated-allowed"), "t.json");
    const allowed = await runCli(["analyze", cuts.half, "-o", out, "--allow-truncated", "--json"]);
    expect(allowed.code, allowed.stderr).toBe(0);
    const warnings = allowed.stderr.split("\n").filter((line) => /truncated/.test(line));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^warning: .*clip-50\.mp4 is truncated: container says 5\.0 s, only 2\.\d s decodes; using what decodes \(--allow-truncated\)$/,
    );
    const summary = JSON.parse(allowed.stdout) as { frames: number; fallbacks: string[] };
    expect(summary.frames).toBeLessThan(70);
    expect(summary.fallbacks).toContain("truncated");
    documented("--allow-truncated");
  }, 180_000);
});

describe("18: eval, models list, non-regular inputs, errno codes, TMPDIR, browser noise", () => {
  it("(a) eval refuses a timeline of another video with the labels' video, and still scores its own", async () => {
    const d = dir("eval");
    const other = labelsTimeline();
    other.source.sha256 = "1".repeat(64);
    writeFileSync(join(d, "other.json"), JSON.stringify(other));
    await expectFailure(
      ["eval", join(d, "other.json"), SYNTHETIC_LABELS],
      1,
      /timeline .*other\.json was made from another video \(sha256 111111111111…, .*synthetic_two_speakers_alternating_1280x720\.mp4 has 30d61c800b98…\); the labels are of/,
    );
    const longer = labelsTimeline();
    longer.source.sha256 = "0".repeat(64);
    longer.source.durationSeconds = 30;
    writeFileSync(join(d, "longer.json"), JSON.stringify(longer));
    await expectFailure(
      ["eval", join(d, "longer.json"), SYNTHETIC_LABELS, "--video", SYNTHETIC_CLIP],
      1,
      /timeline .*longer\.json is for a 30\.00 s video but .* lasts 16\.16 s/,
    );
    const own = await runCli(["eval", syntheticTimeline, SYNTHETIC_LABELS, "--json"]);
    expect(own.code, own.stderr).toBe(0);
    expect(JSON.parse(own.stdout).frameAccuracy).toBe(1);
    // Labels with no video beside them: which video they describe must be said.
    copyFileSync(SYNTHETIC_LABELS, join(d, "talk.labels.csv"));
    await expectFailure(
      ["eval", syntheticTimeline, join(d, "talk.labels.csv")],
      2,
      /no video found beside labels .*talk\.labels\.csv \(talk\.mp4, …\) .*; pass --video FILE/,
    );
    documented("the labels are of");
  });

  it("(b) models list exits 0 on a fresh install and shows each file's status; models verify fails", async () => {
    const cache = join(dir("models"), "empty-cache");
    const files = MODEL_MANIFEST.files.length;
    const list = await runCli(["models", "list", "--cache", cache]);
    expect(list.code, list.stderr).toBe(0);
    expect(list.stderr).toBe("");
    expect(list.stdout).toMatch(/^missing\s+yunet_n_dynamic\.onnx/m);
    const json = await runCli(["models", "list", "--cache", cache, "--json"]);
    expect(json.code).toBe(0);
    expect((JSON.parse(json.stdout) as { status: string }[]).every((m) => m.status === "missing")).toBe(true);
    await expectFailure(
      ["models", "verify", "--cache", cache],
      1,
      new RegExp(
        `^speakerframe: ${files} of ${files} model files in .*empty-cache are not valid \\(yunet_n_dynamic\\.onnx missing, .*\\); run \`speakerframe models fetch\`$`,
      ),
    );
    const valid = await runCli(["models", "verify"]);
    expect(valid.code, valid.stderr).toBe(0);
    documented("model files in DIR are not valid");
  });

  it("(c) a pipe or a device given as video, SRT, words, timeline, manifest or labels is not a regular file", async () => {
    const d = dir("non-regular");
    const fifo = join(d, "clip.mp4");
    execFileSync("mkfifo", [fifo]);
    const out = join(d, "out.mp4");
    const options = { timeoutMs: 30_000 };
    await expectFailure(
      ["analyze", fifo, "-o", join(d, "t.json")],
      1,
      /clip\.mp4 is not a regular file \(a pipe\)/,
      options,
    );
    await expectFailure(
      ["analyze", "/dev/zero", "-o", join(d, "t.json")],
      1,
      /^speakerframe: \/dev\/zero is not a regular file \(a character device\); pass a video file$/,
      options,
    );
    const render = (extra: string[]) => [
      "render",
      SYNTHETIC_CLIP,
      "--timeline",
      syntheticTimeline,
      ...extra,
      "-o",
      out,
    ];
    await expectFailure(
      render(["--srt", fifo]),
      1,
      /SRT .*clip\.mp4 is not a regular file \(a pipe\)/,
      options,
    );
    await expectFailure(
      render(["--words", "/dev/zero"]),
      1,
      /word timings \/dev\/zero is not a regular file/,
      options,
    );
    await expectFailure(
      ["render", SYNTHETIC_CLIP, "--timeline", fifo, "-o", out],
      1,
      /timeline .*clip\.mp4 is not a regular file \(a pipe\)/,
      options,
    );
    const manifest = join(d, "jobs.json");
    execFileSync("mkfifo", [manifest]);
    await expectFailure(
      ["batch", manifest],
      1,
      /manifest .*jobs\.json is not a regular file \(a pipe\)/,
      options,
    );
    writeFileSync(join(d, "fifo-job.json"), JSON.stringify({ jobs: [{ source: fifo, output: "s.mp4" }] }));
    await expectFailure(
      ["batch", join(d, "fifo-job.json")],
      1,
      /jobs\[0\]\.source: ".*clip\.mp4" is not a regular file \(a pipe\)/,
      options,
    );
    await expectFailure(
      ["eval", syntheticTimeline, fifo],
      1,
      /labels .*clip\.mp4 is not a regular file/,
      options,
    );
    documented("is not a regular file (a pipe)");
  });

  it("(d) a read-only file system is reported as EROFS, not ENOENT, where a folder must be created", async () => {
    const ro = dir("read-only");
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro]);
    try {
      await expectFailure(
        ["models", "fetch", "--cache", join(ro, "models"), "--from", dir("empty-mirror")],
        1,
        /model cache .*read-only\/models is not writable \(EROFS\); pass --cache DIR/,
      );
      await expectFailure(
        ["analyze", SYNTHETIC_CLIP, "-o", join(ro, "a", "b", "t.json")],
        1,
        /cannot write .*t\.json: read-only file system \(EROFS\)/,
      );
    } finally {
      execFileSync("umount", [ro]);
    }
    documented("(EROFS on a read-only mount)");
  });

  it("(e) a missing TMPDIR is one line naming it before any work", async () => {
    const env = { TMPDIR: "/nonexistent/dir" };
    const message =
      /^speakerframe: the temp folder \/nonexistent\/dir cannot be used \(ENOENT\); set TMPDIR to an existing, writable folder$/;
    const report = await expectFailure(
      [
        "analyze",
        SYNTHETIC_CLIP,
        "-o",
        join(dir("tmpdir"), "t.json"),
        "--report",
        join(dir("tmpdir"), "r.png"),
      ],
      1,
      message,
      { env },
    );
    expect(report.stderr).not.toMatch(/analyze: /);
    await expectFailure(
      ["render", SYNTHETIC_CLIP, "--timeline", syntheticTimeline, "-o", join(dir("tmpdir"), "s.mp4")],
      1,
      message,
      { env },
    );
    expect(readdirSync(dir("tmpdir"))).toEqual([]);
    documented("cannot be used (ENOENT); set TMPDIR");
  });

  it("(f) a successful render prints no browser console lines, only progress, its warning and the summary", async () => {
    const d = dir("quiet");
    // A two-shot where only one face is visible: the planner warns (once, from the CLI).
    writeFileSync(join(d, "subs.srt"), "1\n00:00:11,000 --> 00:00:11,200\n[two-shot] Hello\n");
    const result = await runCli(
      [
        ...["render", SYNTHETIC_CLIP, "--timeline", syntheticTimeline, "--srt", join(d, "subs.srt")],
        ...[
          "--start",
          "11",
          "--end",
          "11.2",
          "--size",
          "144x256",
          "--preset",
          "ultrafast",
          "-o",
          join(d, "s.mp4"),
        ],
      ],
      { timeoutMs: 180_000 },
    );
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr
      .split(/[\r\n]+/)
      .map((line) => line.trim())
      .filter(Boolean);
    expect(lines.filter((line) => !/^(render: |warning: |rendered \d+ frames)/.test(line))).toEqual([]);
    expect(lines.filter((line) => line.startsWith("warning: "))).toEqual([
      "warning: cue 1 [two-shot] at 11.00 s ignored: two-shot needs two visible faces, found 1",
    ]);
    expect(errorLines(result.stderr).some((line) => /\[Tab \d|console\.|SpeakerShort:/.test(line))).toBe(
      false,
    );
    documented("SPEAKERFRAME_DEBUG=1 shows the browser's console");
  }, 200_000);
});
