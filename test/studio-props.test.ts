// SpeakerShort in Studio: the default props are a literal Studio's own codemod can read (so "Save default props"
// works), they hold every camera and caption option at its default, each option carries that default in the zod
// schema, and the timeline is a plain string prop (Studio cannot edit a string/object union).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DEFAULT_CAMERA_OPTIONS } from "../src/compositions/camera/resolve-camera-options";
import { DEFAULT_CAPTION_STYLE } from "../src/compositions/captions/resolve-caption-style";
import { DEMO_SRT, DEMO_TIMELINE, DEMO_VIDEO } from "../src/compositions/demo-props";
import { speakerShortSchema } from "../src/compositions/speaker-short-schema";
import { REPO_ROOT } from "./helpers/paths";

// Studio's own check, from its CommonJS build (the ESM build's imports do not resolve under vitest).
const { CodemodsInternals } = createRequire(import.meta.url)("@remotion/codemods");
const root = readFileSync(join(REPO_ROOT, "src/compositions/Root.tsx"), "utf8");

describe("SpeakerShort props in Studio", () => {
  const result = CodemodsInternals.computeCanUpdateDefaultPropsFromContent(root, "SpeakerShort") as {
    canUpdate: boolean;
    reason?: string;
    currentDefaultProps?: Record<string, unknown>;
  };

  it("Studio can save the default props", () => {
    expect(result.canUpdate, result.reason).toBe(true);
  });

  it("the default props hold every camera and caption option at its default, and the demo files", () => {
    const props = result.currentDefaultProps!;
    expect(props.camera).toEqual(DEFAULT_CAMERA_OPTIONS);
    expect(props.captions).toEqual(DEFAULT_CAPTION_STYLE);
    expect(props).toMatchObject({ src: DEMO_VIDEO, timeline: DEMO_TIMELINE, srt: DEMO_SRT });
    expect(speakerShortSchema.safeParse(props).success).toBe(true);
  });

  it("every camera and caption option has its zod default; the timeline is a string", () => {
    const { camera, captions, timeline } = speakerShortSchema.shape;
    for (const [fields, defaults] of [
      [camera.shape, DEFAULT_CAMERA_OPTIONS],
      [captions.shape, DEFAULT_CAPTION_STYLE],
    ] as const) {
      expect(Object.keys(fields).sort()).toEqual(Object.keys(defaults).sort());
      for (const [key, field] of Object.entries(fields)) {
        expect(field, key).toBeInstanceOf(z.ZodDefault);
        expect(field.parse(undefined), key).toEqual((defaults as Record<string, unknown>)[key]);
      }
    }
    expect(timeline).toBeInstanceOf(z.ZodString);
    // Leaving options out gives the defaults.
    expect(camera.parse({})).toEqual(DEFAULT_CAMERA_OPTIONS);
  });
});
