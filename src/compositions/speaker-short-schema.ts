// Props of the SpeakerShort composition. Zod so Remotion Studio shows editable controls. Every camera and caption
// option carries its default (`.default()`, shown in Studio); templates use the all-optional variants, and code
// applies the same defaults because Remotion merges input props over default props shallowly.
import { z } from "zod";
import { DEFAULT_CAMERA_OPTIONS } from "./camera/resolve-camera-options";
import { DEFAULT_CAPTION_STYLE } from "./captions/resolve-caption-style";

const fraction = z.number().min(0).max(1);

const cameraFields = {
  faceHeightFraction: z.number().min(0.05).max(0.9).describe("Face height / window height at zoom 1"),
  splitFaceHeightFraction: z.number().min(0.05).max(0.9).describe("Face height / panel height in a split"),
  faceCenterFromTop: z.number().min(0.1).max(0.9).describe("Face centre from the window top (headroom)"),
  maxZoom: z.number().min(1).max(6),
  deadzoneFraction: z.number().min(0).max(0.4).describe("Deadzone half-width, fraction of window"),
  smoothingSeconds: z.number().min(0).max(2),
  maxSpeedWidthsPerSecond: z.number().min(0.05).max(10),
  maxAccelerationWidthsPerSecond2: z.number().min(0.05).max(50),
  minMoveSeconds: z.number().min(0.05).max(3),
  minTurnSeconds: z.number().min(0).max(5).describe("Shorter speaker runs are blips"),
  minHoldSeconds: z.number().min(0).max(10),
  anticipationSeconds: z.number().min(0).max(1),
  panMaxDistanceWidths: z.number().min(0).max(3),
  panSeconds: z.number().min(0.1).max(2),
  quickTurnSeconds: z.number().min(0.2).max(5),
  quickTurnsForTwoShot: z.number().int().min(2).max(20),
  twoPersonLayout: z.enum(["auto", "split", "wide"]),
  splitAdvantage: z.number().min(0.5).max(5),
  noFaceLayout: z.enum(["fit", "center"]),
  silence: z.enum(["stay", "widen"]),
  widenAfterSilenceSeconds: z.number().min(0).max(60),
  contextSeconds: z.number().min(0).max(60),
  followFallback: z
    .enum(["speaker", "wide"])
    .describe("While the followed person is off screen: the active speaker or the whole frame"),
};

const captionFields = {
  enabled: z.boolean(),
  fontWeight: z.enum(["600", "700", "800", "900"]),
  /** Font size as a fraction of the output width. */
  fontSizeFractionOfWidth: z.number().min(0.02).max(0.2),
  textColor: z.string(),
  highlightColor: z.string(),
  strokeColor: z.string(),
  /** Text outline width as a fraction of the font size. */
  strokeFractionOfFont: z.number().min(0).max(0.4),
  /** Box behind the page ("transparent" for none). */
  backgroundColor: z.string(),
  uppercase: z.boolean(),
  maxWordsPerPage: z.number().int().min(1).max(12),
  maxCharsPerPage: z.number().int().min(4).max(80),
  silenceBreakMs: z.number().min(50).max(5000),
  /** Vertical position of the page centre inside the safe area: 0 = top, 1 = bottom. */
  verticalPosition: fraction,
  /** Platform UI margins as fractions of the output (TikTok/Reels: bottom bar and right-hand buttons). */
  safeArea: z.object({ top: fraction, bottom: fraction, left: fraction, right: fraction }),
};

type Shape = Record<string, z.ZodType>;

/** The same fields, each defaulting to its value in `defaults`. */
function withDefaults<S extends Shape>(
  shape: S,
  defaults: { [K in keyof S]: z.output<S[K]> },
): { [K in keyof S]: z.ZodDefault<S[K]> } {
  const entries = Object.entries(shape).map(([key, field]) => [key, field.default(defaults[key])]);
  return Object.fromEntries(entries) as { [K in keyof S]: z.ZodDefault<S[K]> };
}

/** Camera options, all optional (templates, Node callers). */
export const cameraOptionsSchema = z.object(cameraFields).partial();
/** Caption style, all optional (templates, Node callers). */
export const captionStyleSchema = z.object(captionFields).partial();
/** Camera options with their defaults, as SpeakerShort's Studio controls show them. */
export const cameraPropsSchema = z.object(withDefaults(cameraFields, DEFAULT_CAMERA_OPTIONS));
/** Caption style with its defaults, as SpeakerShort's Studio controls show them. */
export const captionPropsSchema = z.object(withDefaults(captionFields, DEFAULT_CAPTION_STYLE));

export const speakerShortSchema = z.object({
  src: z.string().describe("Video URL, or a path inside the public folder (e.g. demo/clip.mp4)"),
  // A string (not a union with the object) so Studio can edit it; calculateMetadata inlines the loaded JSON text.
  timeline: z
    .string()
    .describe("Timeline JSON: URL / public path (e.g. demo/clip.timeline.json), or JSON text"),
  srt: z.string().describe("SRT text, or URL / public path of an .srt file; empty for none"),
  words: z
    .union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
    .nullable()
    .describe(
      "Word timings (Remotion Caption[] or whisper JSON): URL / public path or data; null to spread SRT cues",
    ),
  srtTimes: z
    .enum(["source", "clip"])
    .describe("SRT and word times count from the source start or the clip start"),
  clipStartSeconds: z.number().min(0).describe("Clip start in source seconds"),
  clipEndSeconds: z
    .number()
    .min(0)
    .nullable()
    .describe("Clip end in source seconds; null = end of the timeline"),
  output: z.object({
    width: z.number().int().min(16).max(4320).multipleOf(2),
    height: z.number().int().min(16).max(4320).multipleOf(2),
  }),
  fps: z.number().min(1).max(120).nullable().describe("Output fps; null = the source's"),
  camera: cameraPropsSchema,
  captions: captionPropsSchema,
  showDebug: z.boolean().describe("Draw face boxes and the camera's reason"),
  follow: z
    .string()
    .nullable()
    .default(null)
    .describe(
      'Follow one person: "P2" (a person of the timeline) or a source time such as "01:23.5"; null: whoever speaks',
    ),
});

/** SpeakerShort's props; camera and caption options may be left out (their defaults apply). */
export type SpeakerShortProps = z.input<typeof speakerShortSchema>;
export type CaptionStyleProps = z.infer<typeof captionStyleSchema>;
