// --lambda without AWS: the job -> renderMediaOnLambda() request translation (pure), the config resolution, the
// timeline trimming that keeps payloads small, and the one-line error when @remotion/lambda is not installed.
// The network call itself cannot run here (no AWS account, no network): it is a thin dynamic import.
import { describe, expect, it } from "vitest";
import { planCamera } from "../src/compositions/camera/plan-camera";
import { speakerShortSchema } from "../src/compositions/speaker-short-schema";
import { buildLambdaRequest, inputPropsBytes } from "../src/render/lambda/build-lambda-request";
import { renderOnLambda } from "../src/render/lambda/render-on-lambda";
import { resolveLambdaConfig, type LambdaConfig } from "../src/render/lambda/resolve-lambda-config";
import { resolveTemplate } from "../src/render/resolve-template";
import { trimTimeline } from "../src/render/trim-timeline";
import { parseTimeline } from "../src/timeline/parse-timeline";
import { labelsTimeline } from "./helpers/synthetic-timeline";
import { syntheticTimeline } from "./helpers/synthetic-timeline";

const config: LambdaConfig = {
  region: "eu-central-1",
  functionName: "remotion-render-4-0-527-mem2048mb-disk2048mb-120sec",
  serveUrl: "https://remotionlambda-abc.s3.eu-central-1.amazonaws.com/sites/speakerframe/index.html",
  framesPerLambda: null,
  privacy: "public",
  maxRetries: 1,
  sourceBaseUrl: null,
};

/** A 20-minute two-guest podcast: turns every 10 s, two cuts. */
function podcast() {
  const minutes = 20;
  const seconds = minutes * 60;
  const speech = Array.from({ length: seconds / 10 }, (_, i) => ({
    id: i % 2,
    from: i * 10,
    to: i * 10 + 10,
  }));
  return syntheticTimeline({
    seconds,
    cuts: [400, 800],
    faces: [
      { id: 0, to: 400, box: { x: 400, y: 300, width: 220, height: 260 }, noisePx: 3 },
      { id: 1, to: 400, box: { x: 1300, y: 320, width: 210, height: 250 }, noisePx: 3 },
      { id: 2, from: 400, to: 800, box: { x: 850, y: 250, width: 260, height: 300 }, noisePx: 3 },
      { id: 3, from: 800, box: { x: 500, y: 300, width: 220, height: 260 }, noisePx: 3 },
      { id: 4, from: 800, box: { x: 1200, y: 300, width: 220, height: 260 }, noisePx: 3 },
    ],
    speech: speech.map((s) => ({ ...s, id: s.from < 400 ? s.id : s.from < 800 ? 2 : 3 + s.id })),
  });
}

/** What the camera shows per frame (segment indices differ: the trimmed timeline starts with an empty stretch). */
const shown = (plan: ReturnType<typeof planCamera>) =>
  plan.frames.map(({ segment: _segment, ...frame }) => frame);
const eventsOf = (plan: ReturnType<typeof planCamera>) =>
  plan.events.map(({ segment: _segment, ...event }) => event);

describe("trimTimeline", () => {
  const full = podcast();

  it("keeps a valid timeline with absolute frames, sliced tracks and the original ids", () => {
    const trimmed = trimTimeline({ timeline: full, startSeconds: 750, endSeconds: 795, marginSeconds: 30 });
    expect(() => parseTimeline(trimmed)).not.toThrow();
    expect(trimmed.analysis.frameCount).toBe(825 * 25);
    expect(trimmed.tracks.map((t) => t.id)).toEqual([2, 3, 4]);
    expect(trimmed.tracks[0]).toMatchObject({ startFrame: 720 * 25, frameCount: 80 * 25 });
    expect(trimmed.activeSpeaker.slice(0, 720 * 25).every((id) => id === -1)).toBe(true);
    expect(trimmed.activeSpeaker.slice(720 * 25)).toEqual(full.activeSpeaker.slice(720 * 25, 825 * 25));
    expect(trimmed.shots).toHaveLength(3);
  });

  it("plans the clip like the full timeline: same framings and events, windows within half a source pixel", () => {
    for (const [start, end] of [
      [750, 795],
      [395, 430],
      [0, 30],
    ] as const) {
      const range = { startSeconds: start, endSeconds: end };
      const common = { output: { width: 1080, height: 1920 }, fps: 30, range };
      const a = planCamera({ ...common, timeline: full });
      const b = planCamera({
        ...common,
        timeline: trimTimeline({ timeline: full, startSeconds: start, endSeconds: end }),
      });
      expect(eventsOf(b)).toEqual(eventsOf(a));
      // Window sizes come from the median face height over the shot, which the trim sees only in part.
      let maxPx = 0;
      a.frames.forEach((frame, i) => {
        const other = b.frames[i]!;
        expect([other.layout, other.trackIds, other.shot]).toEqual([
          frame.layout,
          frame.trackIds,
          frame.shot,
        ]);
        for (const k of ["x", "y", "width", "height"] as const) {
          maxPx = Math.max(maxPx, Math.abs(frame.window[k] - other.window[k]));
        }
      });
      expect(maxPx, `${start}..${end} s`).toBeLessThan(0.5);
    }
  });

  it("plans the labelled two-speaker clip identically around its switch and cut", () => {
    const labels = labelsTimeline();
    const range = { startSeconds: 3.5, endSeconds: 11 };
    const common = { output: { width: 1080, height: 1920 }, fps: 25, range };
    const a = planCamera({ ...common, timeline: labels });
    const b = planCamera({
      ...common,
      timeline: trimTimeline({ timeline: labels, ...range, marginSeconds: 2 }),
    });
    expect(shown(b)).toEqual(shown(a));
  });
});

describe("buildLambdaRequest", () => {
  const timeline = podcast();
  const request = buildLambdaRequest({
    config: { ...config, framesPerLambda: 40 },
    jobId: "ep12-intro",
    sourceUrl: "https://cdn.example.com/ep12.mp4",
    timeline,
    srtText: "1\n00:12:31,000 --> 00:12:33,000\n[zoom 1.2] Hello\n",
    words: null,
    startSeconds: 750,
    endSeconds: 795,
    template: resolveTemplate({ name: "square", overrides: { captions: { uppercase: true } } }),
    outputFileName: "intro.mp4",
    crf: 23,
    x264Preset: "veryfast",
  });

  it("targets the configured function and site with the SpeakerShort composition", () => {
    expect(request).toMatchObject({
      region: "eu-central-1",
      functionName: config.functionName,
      serveUrl: config.serveUrl,
      composition: "SpeakerShort",
      codec: "h264",
      audioCodec: "aac",
      imageFormat: "jpeg",
      crf: 23,
      x264Preset: "veryfast",
      framesPerLambda: 40,
      privacy: "public",
      maxRetries: 1,
      outName: "speakerframe/ep12-intro.mp4",
      downloadBehavior: { type: "download", fileName: "intro.mp4" },
    });
  });

  it("carries valid SpeakerShort props: the video URL, the clip, the template and the SRT as text", () => {
    const props = speakerShortSchema.parse(request.inputProps);
    expect(props).toMatchObject({
      src: "https://cdn.example.com/ep12.mp4",
      srt: "1\n00:12:31,000 --> 00:12:33,000\n[zoom 1.2] Hello\n",
      words: null,
      clipStartSeconds: 750,
      clipEndSeconds: 795,
      output: { width: 1080, height: 1080 },
      captions: { uppercase: true },
      srtTimes: "source",
    });
    expect(() => parseTimeline(JSON.parse(props.timeline))).not.toThrow();
  });

  it("sends the timeline inline, trimmed to the clip plus a margin: small next to the full one", () => {
    const fullBytes = Buffer.byteLength(JSON.stringify(timeline));
    const bytes = inputPropsBytes(request);
    console.log(
      `20-min timeline ${(fullBytes / 1024).toFixed(0)} KB -> Lambda input props ${(bytes / 1024).toFixed(0)} KB`,
    );
    expect(bytes).toBeLessThan(fullBytes / 8);
    const trimmed = JSON.parse(request.inputProps.timeline) as {
      tracks: { startFrame: number; frameCount: number }[];
    };
    for (const track of trimmed.tracks) {
      expect(track.startFrame).toBeGreaterThanOrEqual(720 * 25);
      expect(track.startFrame + track.frameCount).toBeLessThanOrEqual(825 * 25);
    }
  });

  const minimalRequest = (extra: Partial<Parameters<typeof buildLambdaRequest>[0]> = {}) =>
    buildLambdaRequest({
      config,
      jobId: "a",
      sourceUrl: "https://x/y.mp4",
      timeline: labelsTimeline(),
      srtText: "",
      words: null,
      startSeconds: 0,
      endSeconds: null,
      template: resolveTemplate({}),
      outputFileName: "a.mov",
      ...extra,
    });

  it("leaves optional settings out when not set", () => {
    const plain = minimalRequest();
    expect(plain).not.toHaveProperty("crf");
    expect(plain).not.toHaveProperty("framesPerLambda");
    expect(plain.outName).toBe("speakerframe/a.mov");
    expect(plain.inputProps.clipEndSeconds).toBeNull();
    expect(plain.inputProps.follow).toBeNull();
  });

  it("sends the person to follow as the composition's follow prop", () => {
    const following = minimalRequest({ follow: "P2" });
    expect(speakerShortSchema.parse(following.inputProps).follow).toBe("P2");
  });
});

describe("resolveLambdaConfig", () => {
  it("takes flags before environment variables", () => {
    const env = {
      SPEAKERFRAME_LAMBDA_REGION: "us-east-1",
      SPEAKERFRAME_LAMBDA_FUNCTION: "fn-env",
      SPEAKERFRAME_LAMBDA_SERVE_URL: "https://site.example.com/index.html",
      SPEAKERFRAME_LAMBDA_SOURCE_BASE_URL: "https://cdn.example.com/",
    };
    expect(resolveLambdaConfig({}, env)).toMatchObject({
      region: "us-east-1",
      functionName: "fn-env",
      serveUrl: "https://site.example.com/index.html",
      sourceBaseUrl: "https://cdn.example.com/",
      privacy: "public",
      framesPerLambda: null,
    });
    expect(
      resolveLambdaConfig({ region: "eu-west-2", functionName: "fn", privacy: "private" }, env),
    ).toMatchObject({
      region: "eu-west-2",
      functionName: "fn",
      privacy: "private",
    });
    expect(
      resolveLambdaConfig({}, { ...env, SPEAKERFRAME_LAMBDA_REGION: undefined, AWS_REGION: "ap-south-1" })
        .region,
    ).toBe("ap-south-1");
  });

  it("names the missing or bad setting and how to give it", () => {
    expect(() => resolveLambdaConfig({}, {})).toThrow(
      /--lambda needs a region: pass --lambda-region .* SPEAKERFRAME_LAMBDA_REGION/,
    );
    expect(() => resolveLambdaConfig({ region: "europe" }, {})).toThrow(
      /--lambda-region "europe" is not an AWS region/,
    );
    expect(() => resolveLambdaConfig({ region: "us-east-1" }, {})).toThrow(/--lambda-function/);
    expect(() => resolveLambdaConfig({ region: "us-east-1", functionName: "f" }, {})).toThrow(/--serve-url/);
    expect(() =>
      resolveLambdaConfig(
        { region: "us-east-1", functionName: "f", serveUrl: "https://s/", privacy: "secret" },
        {},
      ),
    ).toThrow(/--lambda-privacy "secret"/);
  });
});

describe("renderOnLambda", () => {
  const request = () =>
    buildLambdaRequest({
      config,
      jobId: "a",
      sourceUrl: "https://x/y.mp4",
      timeline: labelsTimeline(),
      srtText: "",
      words: null,
      startSeconds: 0,
      endSeconds: 2,
      template: resolveTemplate({}),
      outputFileName: "a.mp4",
    });

  it("says how to install @remotion/lambda when it is missing (the import is only reached with --lambda)", async () => {
    await expect(
      renderOnLambda({
        request: request(),
        output: "/tmp/never-written.mp4",
        lambdaPackage: "@remotion/lambda-not-installed",
      }),
    ).rejects.toThrow(
      /^--lambda needs @remotion\/lambda-not-installed, which is not installed; run `npm install/,
    );
  });

  it("reaches the real @remotion/lambda, and names missing AWS credentials in one line", async () => {
    const env = { ...process.env };
    for (const key of Object.keys(process.env)) if (/AWS_/.test(key)) delete process.env[key];
    try {
      await expect(renderOnLambda({ request: request(), output: "/tmp/never-written.mp4" })).rejects.toThrow(
        /^--lambda needs AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY .*$/,
      );
    } finally {
      Object.assign(process.env, env);
    }
  });
});
