// Issue 17 through the real CLI: no input is ever destroyed, nothing is exposed on the network or left in $TMPDIR
// and $HOME, nothing hangs, and every failure is one documented line. Runs as root (mknod, mounts) like CI.
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { derivedMedia, media } from "./helpers/derived-media";
import { watchListeningSockets } from "./helpers/listening-sockets";
import { documented, expectFailure } from "./helpers/expect-cli";
import { errorLines, runCli } from "./helpers/run-cli";
import { labelsTimeline, SYNTHETIC_CLIP } from "./helpers/synthetic-timeline";

let work: string;
let clip: string;
let syntheticTimeline: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "sf-hardening-"));
  clip = derivedMedia("face3-1s.mp4", [
    ...["-i", media("videoretalking_face_3.mp4"), "-t", "1", "-c:v", "libx264", "-c:a", "aac"],
  ]);
  syntheticTimeline = join(work, "synthetic.timeline.json");
  writeFileSync(syntheticTimeline, JSON.stringify(labelsTimeline()));
});

function dir(name: string): string {
  const path = join(work, name);
  mkdirSync(path, { recursive: true });
  return path;
}

/** A fresh TMPDIR and HOME for one run, to see that it leaves nothing in either. */
function freshTempAndHome(name: string): { env: Record<string, string>; left: () => string[] } {
  const root = dir(`env-${name}`);
  const env = { TMPDIR: join(root, "tmp"), HOME: join(root, "home") };
  mkdirSync(env.TMPDIR);
  mkdirSync(env.HOME);
  const list = (base: string): string[] =>
    readdirSync(base, { recursive: true, encoding: "utf8" }).map((p) => join(base, p));
  return { env, left: () => [...list(env.TMPDIR), ...list(env.HOME)] };
}

/** A 5-frame render of the synthetic clip from its labels timeline (no analysis): the cheapest real render. */
function tinyRenderArgs(output: string, extra: string[] = []): string[] {
  return [
    ...["render", SYNTHETIC_CLIP, "--timeline", syntheticTimeline, "--start", "0", "--end", "0.2"],
    ...["--size", "144x256", "--preset", "ultrafast", "-o", output, ...extra],
  ];
}

describe("1-3: no output destroys an input or a device", () => {
  it("analyze and render refuse an output that is the input, however it is spelled", async () => {
    const d = dir("self");
    const video = join(d, "talk.mp4");
    copyFileSync(clip, video);
    const before = readFileSync(video);
    symlinkSync(".", join(d, "self"));
    await expectFailure(
      ["analyze", "talk.mp4", "-o", "talk.mp4"],
      1,
      /-o .*talk\.mp4 would overwrite the input video talk\.mp4; choose another output path/,
      { cwd: d },
    );
    await expectFailure(["render", "talk.mp4", "-o", "talk.mp4"], 1, /would overwrite the input video/, {
      cwd: d,
    });
    await expectFailure(["render", "talk.mp4", "-o", "self/talk.mp4"], 1, /would overwrite the input video/, {
      cwd: d,
    });
    expect(readFileSync(video).equals(before)).toBe(true);
    expect(readdirSync(d).sort()).toEqual(["self", "talk.mp4"]);
    documented("would overwrite the input video");
  });

  it("batch compares files, not strings: one job's output is never another job's input", async () => {
    const d = dir("batch-self");
    for (const name of ["a.mp4", "c.mp4"]) copyFileSync(clip, join(d, name));
    symlinkSync(".", join(d, "self"));
    const before = readFileSync(join(d, "c.mp4"));
    writeFileSync(
      join(d, "jobs.json"),
      JSON.stringify({
        jobs: [
          { id: "a", source: "a.mp4", output: "c.mp4" },
          { id: "b", source: "c.mp4", output: "b-short.mp4" },
        ],
      }),
    );
    await expectFailure(
      ["batch", "jobs.json"],
      1,
      /jobs\[0\]\.output .*c\.mp4 would overwrite jobs\[1\]\.source/,
      { cwd: d },
    );
    writeFileSync(
      join(d, "alias.json"),
      JSON.stringify({ jobs: [{ id: "a", source: "a.mp4", output: "self/a.mp4" }] }),
    );
    await expectFailure(["batch", "alias.json"], 1, /jobs\[0\]\.output .*self\/a\.mp4 would overwrite/, {
      cwd: d,
    });
    await expectFailure(
      ["batch", "alias.json", "--report", "self/jobs.json"],
      1,
      /--report .*would overwrite the manifest|would overwrite/,
      { cwd: d },
    );
    expect(readFileSync(join(d, "c.mp4")).equals(before)).toBe(true);
    expect(readdirSync(d).sort()).toEqual(["a.mp4", "alias.json", "c.mp4", "jobs.json", "self"]);
  });

  it("a device node, a pipe or this process's stdout is refused, never replaced", async () => {
    const d = dir("devices");
    const device = join(d, "null");
    execFileSync("mknod", ["-m", "666", device, "c", "1", "3"]);
    await expectFailure(
      ["analyze", clip, "-o", device],
      1,
      /cannot write .*null: it is not a regular file \(a character device\)/,
    );
    const stdoutLink = join(d, "stdout.json");
    symlinkSync("/dev/stdout", stdoutLink);
    // The CLI's stdout is a pipe here.
    await expectFailure(
      ["analyze", clip, "-o", stdoutLink],
      1,
      /it is not a regular file \(a (pipe|socket)\)/,
    );
    writeFileSync(join(d, "jobs.json"), JSON.stringify({ jobs: [{ source: clip, output: "s.mp4" }] }));
    await expectFailure(["batch", join(d, "jobs.json"), "--report", device], 1, /a character device/);
    expect(statSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(d).sort()).toEqual(["jobs.json", "null", "stdout.json"]);
    documented("it is not a regular file");
  });
});

describe("4, 7: nothing exposed, nothing left behind", () => {
  it("analyze leaves nothing in $TMPDIR or $HOME (no onnxruntime telemetry)", async () => {
    const fresh = freshTempAndHome("analyze");
    const out = join(dir("analyze-clean"), "t.json");
    const result = await runCli(["analyze", clip, "-o", out], { env: fresh.env });
    expect(result.code, result.stderr).toBe(0);
    expect(fresh.left()).toEqual([]);
    documented("ORT_DISABLE_TELEMETRY");
  });

  it("a render listens on loopback only and leaves nothing in $TMPDIR or $HOME", async () => {
    // A temp folder longer than Chromium's socket path allows below it (macOS's are ~49 characters).
    const fresh = freshTempAndHome("render-with-a-temp-folder-path-as-long-as-macos-gives");
    expect(fresh.env.TMPDIR!.length).toBeGreaterThan(60);
    const out = join(dir("render-clean"), "short.mp4");
    let watch: ReturnType<typeof watchListeningSockets> | undefined;
    const result = await runCli(tinyRenderArgs(out), {
      env: fresh.env,
      timeoutMs: 180_000,
      onSpawn: (pid) => (watch = watchListeningSockets(pid)),
    });
    const sockets = watch!.stop();
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(out)).toBe(true);
    // The media server, Remotion's bundle server and Chromium's DevTools port at least.
    expect(
      sockets.filter((s) => s.pid === result.pid).length,
      JSON.stringify(sockets),
    ).toBeGreaterThanOrEqual(2);
    expect(sockets.filter((s) => !s.loopback)).toEqual([]);
    expect(fresh.left()).toEqual([]);
  }, 200_000);
});

describe("8: input paths are files, never ffmpeg protocols", () => {
  it("a file named concat:… or http://… is read as that local file", async () => {
    const d = dir("protocols");
    copyFileSync(clip, join(d, "concat:a.mp4|b.mp4"));
    const long = derivedMedia("face3-2s.mp4", [
      ...["-i", media("videoretalking_face_3.mp4"), "-t", "2", "-c:v", "libx264", "-c:a", "aac"],
    ]);
    copyFileSync(long, join(d, "a.mp4"));
    copyFileSync(long, join(d, "b.mp4"));
    const concat = await runCli(["analyze", "concat:a.mp4|b.mp4", "-o", "c.json", "--json"], { cwd: d });
    expect(concat.code, concat.stderr).toBe(0);
    expect(JSON.parse(concat.stdout).frames).toBe(25);

    let requests = 0;
    const server = createServer((_req, res) => {
      requests++;
      res.writeHead(404).end();
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    const port = (server.address() as AddressInfo).port;
    try {
      const spelled = `http:/127.0.0.1:${port}/clip.mp4`;
      mkdirSync(join(d, `http:/127.0.0.1:${port}`), { recursive: true });
      copyFileSync(clip, join(d, spelled));
      const http = await runCli(["analyze", `http://127.0.0.1:${port}/clip.mp4`, "-o", "h.json", "--json"], {
        cwd: d,
      });
      expect(http.code, http.stderr).toBe(0);
      expect(JSON.parse(http.stdout).frames).toBe(25);
      expect(requests).toBe(0);
    } finally {
      server.close();
    }
  });
});

describe("9: a browser that cannot start fails fast, and an interrupt is never swallowed", () => {
  it("a failing SPEAKERFRAME_BROWSER is one line, exit 1, temp folder empty", async () => {
    const fresh = freshTempAndHome("bad-browser");
    const out = join(dir("bad-browser"), "short.mp4");
    const started = Date.now();
    await expectFailure(
      tinyRenderArgs(out),
      1,
      /the browser \/bin\/false could not be started .*set SPEAKERFRAME_BROWSER/,
      {
        env: { ...fresh.env, SPEAKERFRAME_BROWSER: "/bin/false" },
        timeoutMs: 120_000,
      },
    );
    expect(Date.now() - started).toBeLessThan(100_000);
    await expectFailure(tinyRenderArgs(out), 1, /the browser \/nonexistent does not exist/, {
      env: { ...fresh.env, SPEAKERFRAME_BROWSER: "/nonexistent" },
    });
    expect(existsSync(out)).toBe(false);
    expect(fresh.left()).toEqual([]);
    documented("could not be started");
    documented("does not exist or is not an executable file");
  }, 150_000);

  it("SIGTERM while the browser hangs on start: exit 130 at once, nothing left running or on disk", async () => {
    const fresh = freshTempAndHome("hang");
    const hang = join(dir("hang"), "hanging-browser.sh");
    writeFileSync(hang, "#!/bin/sh\nexec sleep 600\n", { mode: 0o755 });
    const out = join(dir("hang"), "short.mp4");
    let pid = 0;
    let termAt = 0;
    const result = await runCli(tinyRenderArgs(out), {
      env: { ...fresh.env, SPEAKERFRAME_BROWSER: hang },
      timeoutMs: 120_000,
      onSpawn: (p) => (pid = p),
      interruptWhen: /render: bundle/,
      interruptSignal: "SIGTERM",
      interruptDelayMs: 8000,
      onInterrupt: () => (termAt = Date.now()),
    });
    expect(result.code, result.stderr).toBe(130);
    expect(Date.now() - termAt).toBeLessThan(10_000);
    expect(errorLines(result.stderr).at(-1)).toMatch(/^speakerframe: render interrupted/);
    await new Promise((r) => setTimeout(r, 1000));
    const left = execFileSync("ps", ["-eo", "pid,ppid,args"], { encoding: "utf8" })
      .split("\n")
      .filter((line) => line.includes("sleep 600") || new RegExp(`^\\s*\\d+\\s+${pid}\\s`).test(line));
    expect(left).toEqual([]);
    expect(fresh.left()).toEqual([]);
  }, 150_000);
});

describe("12-14, 16: validate first, map write errors, usage errors, ranges", () => {
  it("render finds a bad SRT tag and an unwritable output folder before any analysis", async () => {
    const d = dir("early");
    writeFileSync(join(d, "bad.srt"), "1\n00:00:00,000 --> 00:00:00,500\n[zom 1.3] Hi\n");
    const env = { SPEAKERFRAME_CACHE: join(d, "empty-cache") };
    const srt = await expectFailure(
      ["render", clip, "--srt", join(d, "bad.srt"), "-o", join(d, "s.mp4")],
      1,
      /bad\.srt cue 1: unknown tag "\[zom 1\.3\]"/,
      { env },
    );
    expect(srt.stderr).not.toMatch(/analyze: /);
    const ro = dir("early-ro");
    execFileSync("mount", ["-t", "tmpfs", "-o", "ro,size=64k", "tmpfs", ro]);
    try {
      const out = await expectFailure(
        ["render", clip, "-o", join(ro, "sub", "s.mp4")],
        1,
        /cannot write .*s\.mp4: read-only file system \(EROFS\)/,
        { env },
      );
      expect(out.stderr).not.toMatch(/analyze: /);
    } finally {
      execFileSync("umount", [ro]);
    }
    documented("read-only file system");
  });

  it("a full disk during the encode is the documented one line, not an internal error", async () => {
    const tiny = dir("full");
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=16k", "tmpfs", tiny]);
    try {
      await expectFailure(
        tinyRenderArgs(join(tiny, "short.mp4")),
        1,
        /cannot write .*short\.mp4: no space left on the device \(ENOSPC\)/,
        { timeoutMs: 180_000 },
      );
      expect(readdirSync(tiny)).toEqual([]);
    } finally {
      execFileSync("umount", [tiny]);
    }
  }, 200_000);

  it("subcommand usage errors are one speakerframe: line with exit 2", async () => {
    await expectFailure(["analyze", clip, "--bogus"], 2, /^speakerframe: unknown option '--bogus'$/);
    await expectFailure(["render"], 2, /^speakerframe: missing required argument 'video'$/);
    await expectFailure(["models", "list", "--nope"], 2, /^speakerframe: unknown option '--nope'$/);
    const help = await runCli(["analyze", "--help"]);
    expect(help.code).toBe(0);
    documented("unknown option");
  });

  it("analyze --start past the end of the video is an error, not an empty timeline", async () => {
    const out = join(dir("start-past"), "t.json");
    await expectFailure(
      ["analyze", clip, "--start", "30", "-o", out],
      1,
      /--start 30 is at or past the end of .*face3-1s.*\.mp4 \(1\.00 s\); choose an earlier start/,
    );
    expect(existsSync(out)).toBe(false);
    documented("is at or past the end of");
  });
});

describe("11, 16: batch resume trusts the output itself; interrupts and kills leave a true report, no litter", () => {
  it("re-renders a truncated output, records cancelled on SIGINT, sweeps a killed run's temp folder", async () => {
    const d = dir("batch-resume");
    const fresh = freshTempAndHome("batch");
    // A run folder left by a SIGKILLed speakerframe (its pid no longer runs).
    const stale = join(fresh.env.TMPDIR!, "sf-4000000-abcdef");
    mkdirSync(join(stale, "remotion-leftovers"), { recursive: true });
    const env = { ...fresh.env, SPEAKERFRAME_CACHE: join(d, "cache") };
    writeFileSync(
      join(d, "jobs.json"),
      JSON.stringify({ jobs: [{ id: "one", source: clip, end: 0.3, size: "144x256", output: "one.mp4" }] }),
    );
    const args = ["batch", "jobs.json", "--preset", "ultrafast"];
    const first = await runCli(args, { cwd: d, env, timeoutMs: 240_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(existsSync(stale)).toBe(false);
    const output = join(d, "one.mp4");
    const bytes = readFileSync(output);
    writeFileSync(output, bytes.subarray(0, bytes.length >> 1));
    const second = await runCli(args, { cwd: d, env, timeoutMs: 240_000 });
    expect(second.code, second.stderr).toBe(0);
    const report = () =>
      JSON.parse(readFileSync(join(d, "jobs.report.json"), "utf8")) as { jobs: { status: string }[] };
    expect(report().jobs[0]!.status).toBe("rendered");
    expect(statSync(output).size).toBe(bytes.length);

    const third = await runCli([...args, "--force"], {
      cwd: d,
      env,
      timeoutMs: 240_000,
      interruptWhen: /render: render|rendering/,
      interruptDelayMs: 500,
    });
    expect(third.code, third.stderr).toBe(130);
    expect(report().jobs[0]!.status).toBe("cancelled");
    expect(fresh.left()).toEqual([]);
  }, 600_000);
});

describe("15: timelines that parse but mean nothing are refused by field", () => {
  it("frame count beyond the video, duplicate track ids, reversed shots, absurd fps, boxes outside", async () => {
    const d = dir("meaning");
    const cases: [string, (t: ReturnType<typeof labelsTimeline>) => void, RegExp][] = [
      ["fps", (t) => (t.analysis.fps = 1e300), /field analysis\.fps 1e\+300 must be from 1 to 240/],
      [
        "frames",
        (t) => {
          t.analysis.frameCount = 10_000;
          t.activeSpeaker = new Array<number>(10_000).fill(-1);
        },
        /field analysis\.frameCount 10000 is more than the 16\.16 s video holds/,
      ],
      [
        "ids",
        (t) => (t.tracks[1]!.id = t.tracks[0]!.id),
        /field tracks\.1\.id 0 is also the id of tracks\.0/,
      ],
      [
        "shots",
        (t) => {
          const shot = t.shots[0]!;
          [shot.startFrame, shot.endFrame] = [shot.endFrame, shot.startFrame + 1];
        },
        /field shots\.0: startFrame \d+ must be before endFrame/,
      ],
      [
        "boxes",
        (t) => (t.tracks[0]!.boxes[0] = -5000),
        /field tracks\.0\.boxes: box 0 is outside the 1280x720 frame/,
      ],
    ];
    for (const [name, edit, message] of cases) {
      const timeline = labelsTimeline();
      edit(timeline);
      const path = join(d, `${name}.json`);
      writeFileSync(path, JSON.stringify(timeline));
      await expectFailure(
        ["render", SYNTHETIC_CLIP, "--timeline", path, "-o", join(d, `${name}.mp4`)],
        1,
        message,
      );
    }
    expect(readdirSync(d).filter((f) => f.endsWith(".mp4"))).toEqual([]);
    documented("re-run analyze to replace it");
  });
});
