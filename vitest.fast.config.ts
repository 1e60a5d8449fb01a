// The fast tier (`npm run test:fast`, well under 30 s): pure logic, no media, models, ffmpeg or Chromium, and so no
// global setup. `npm test` runs these with everything else.
import { defineConfig } from "vitest/config";

const FAST_TESTS = [
  "test/assign-voices.test.ts",
  "test/batch-lambda.test.ts",
  "test/batch-manifest.test.ts",
  "test/camera-labels.test.ts",
  "test/camera-plan.test.ts",
  "test/camera-regions.test.ts",
  "test/captions-pages.test.ts",
  "test/content-regions.test.ts",
  "test/crop-face.test.ts",
  "test/debug-overlay-regions.test.tsx",
  "test/decide-speakers.test.ts",
  "test/evaluate-speaker-case.test.ts",
  "test/locate-voice-sample.test.ts",
  "test/people-link.test.ts",
  "test/queue-protocol.test.ts",
  "test/render-prepare.test.ts",
  "test/speaker-bench-cases.test.ts",
  "test/srt-parse.test.ts",
  "test/studio-props.test.ts",
  "test/sync.test.ts",
  "test/timeline-schema.test.ts",
  "test/tracker.test.ts",
];

export default defineConfig({
  test: {
    include: FAST_TESTS,
    testTimeout: 10_000,
    pool: "threads",
    reporters: ["default"],
  },
});
