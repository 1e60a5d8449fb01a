// `--follow` through the built CLI on the three-person clip (its timeline comes from test/helpers/people-media.ts):
// a short render following a face image, the one-line error for a face that is in no shot, and unsupported input.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { faceImage, peopleTimeline } from "./helpers/people-media";
import { REPO_ROOT } from "./helpers/paths";
import { runCli } from "./helpers/run-cli";
import { SYSTEM_FFMPEG } from "./helpers/derived-media";
import { resolveFollowInput } from "../src/render/resolve-follow-input";

let dir: string;
let clip: string;
let timelinePath: string;

beforeAll(async () => {
  if (!existsSync(join(REPO_ROOT, "dist", "cli.js")))
    execFileSync("npx", ["tsup"], { cwd: REPO_ROOT, stdio: "ignore" });
  ({ clip, timelinePath } = await peopleTimeline());
  dir = mkdtempSync(join(tmpdir(), "speakerframe-follow-"));
}, 300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("speakerframe render --follow", () => {
  it("renders 2 s following the person of a face image", async () => {
    const result = await runCli(
      [
        ...["render", clip, "--timeline", timelinePath, "--start", "12", "--end", "14"],
        ...["--size", "270x480", "--follow", faceImage("C"), "-o", "out/follow.mp4", "--json"],
      ],
      { cwd: dir, env: { SPEAKERFRAME_CACHE: join(dir, "cache") }, timeoutMs: 240_000 },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      output: string;
      durationInFrames: number;
      follow: { person: string; how: string };
    };
    expect(summary.follow.person).toBe("P3");
    expect(summary.follow.how).toMatch(/face-main-C\.png \(distance 0\.\d\d\)/);
    expect(summary.durationInFrames).toBe(50);
    expect(existsSync(summary.output)).toBe(true);
    // 12-14 s is the wide shot of all three, with A's voice: the short shows C's face, not the speaker's.
    const still = join(dir, "follow-1s.png");
    execFileSync(SYSTEM_FFMPEG, [
      "-nostdin",
      "-loglevel",
      "error",
      "-y",
      "-ss",
      "1",
      "-i",
      summary.output,
      "-frames:v",
      "1",
      still,
    ]);
    const { timeline } = await peopleTimeline();
    const shown = await resolveFollowInput({ timeline, who: still });
    expect(shown.label).toBe("P3");
  }, 300_000);

  it("a face that matches nobody is a one-line error with the closest distance, exit 1", async () => {
    const face = faceImage("D");
    const result = await runCli(
      ["render", clip, "--timeline", timelinePath, "--follow", face, "-o", "x.mp4"],
      {
        cwd: dir,
        timeoutMs: 120_000,
      },
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^speakerframe: --follow ${face.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} matches nobody in the video \\(closest distance 0\\.\\d\\d, threshold 0\\.4\\)\\n$`,
      ),
    );
    expect(existsSync(join(dir, "x.mp4"))).toBe(false);
  });

  it("an empty voice sample, an unknown person or a time with nobody on screen: one-line errors", async () => {
    writeFileSync(join(dir, "voice.wav"), "");
    for (const [who, message] of [
      ["voice.wav", /^speakerframe: voice\.wav /],
      ["P9", /no person P9 in the timeline \(people: P1, P2, P3\)/],
      ["0:99", /expected a person \(P2\), a source time/],
      ["5:00", /outside the analysed video/],
    ] as const) {
      const result = await runCli(
        ["render", clip, "--timeline", timelinePath, "--follow", who, "-o", "y.mp4"],
        {
          cwd: dir,
          timeoutMs: 60_000,
        },
      );
      expect(result.code, who).toBe(1);
      expect(result.stderr.split("\n").filter(Boolean), who).toHaveLength(1);
      expect(result.stderr, who).toMatch(message);
    }
  });

  it("analyze --follow says whom render would follow", async () => {
    const result = await runCli(
      [
        "analyze",
        clip,
        "--end",
        "6",
        "-o",
        join(dir, "first-6s.timeline.json"),
        "--follow",
        "00:04.5",
        "--json",
      ],
      { cwd: dir, timeoutMs: 240_000 },
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as { people: number; follow: { person: string; how: string } };
    // Shot 1 (0-3 s) is person A alone, shot 2 (3-6 s) person B alone, speaking at 4.5 s.
    expect(summary.people).toBe(2);
    expect(summary.follow).toMatchObject({ person: "P2", how: "the speaker at 00:04.5" });
  }, 300_000);
});
