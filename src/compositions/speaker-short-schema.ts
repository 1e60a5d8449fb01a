// Props of the SpeakerShort composition. Zod so Remotion Studio shows editable controls; nested option objects are
// all-optional (defaults applied in code) because Remotion merges input props over default props shallowly.
import { z } from "zod";

const fraction = z.number().min(0).max(1);

export const cameraOptionsSchema = z.object({
  faceHeightFraction: z
    .number()
    .min(0.05)
    .max(0.9)
    .optional()
    .describe("Face height / window height at zoom 1"),
  splitFaceHeightFraction: z
    .number()
    .min(0.05)
    .max(0.9)
    .optional()
    .describe("Face height / panel height in a split"),
  faceCenterFromTop: z
    .number()
    .min(0.1)
    .max(0.9)
    .optional()
    .describe("Face centre from the window top (headroom)"),
  maxZoom: z.number().min(1).max(6).optional(),
  deadzoneFraction: z.number().min(0).max(0.4).optional().describe("Deadzone half-width, fraction of window"),
  smoothingSeconds: z.number().min(0).max(2).optional(),
  maxSpeedWidthsPerSecond: z.number().min(0.05).max(10).optional(),
  maxAccelerationWidthsPerSecond2: z.number().min(0.05).max(50).optional(),
  minMoveSeconds: z.number().min(0.05).max(3).optional(),
  minTurnSeconds: z.number().min(0).max(5).optional().describe("Shorter speaker runs are blips"),
  minHoldSeconds: z.number().min(0).max(10).optional(),
  anticipationSeconds: z.number().min(0).max(1).optional(),
  panMaxDistanceWidths: z.number().min(0).max(3).optional(),
  panSeconds: z.number().min(0.1).max(2).optional(),
  quickTurnSeconds: z.number().min(0.2).max(5).optional(),
  quickTurnsForTwoShot: z.number().int().min(2).max(20).optional(),
  twoPersonLayout: z.enum(["auto", "split", "wide"]).optional(),
  splitAdvantage: z.number().min(0.5).max(5).optional(),
  noFaceLayout: z.enum(["fit", "center"]).optional(),
  silence: z.enum(["stay", "widen"]).optional(),
  widenAfterSilenceSeconds: z.number().min(0).max(60).optional(),
  contextSeconds: z.number().min(0).max(60).optional(),
});

export const captionStyleSchema = z.object({
  enabled: z.boolean().optional(),
  fontWeight: z.enum(["600", "700", "800", "900"]).optional(),
  /** Font size as a fraction of the output width. */
  fontSizeFractionOfWidth: z.number().min(0.02).max(0.2).optional(),
  textColor: z.string().optional(),
  highlightColor: z.string().optional(),
  strokeColor: z.string().optional(),
  /** Text outline width as a fraction of the font size. */
  strokeFractionOfFont: z.number().min(0).max(0.4).optional(),
  /** Box behind the page ("transparent" for none). */
  backgroundColor: z.string().optional(),
  uppercase: z.boolean().optional(),
  maxWordsPerPage: z.number().int().min(1).max(12).optional(),
  maxCharsPerPage: z.number().int().min(4).max(80).optional(),
  silenceBreakMs: z.number().min(50).max(5000).optional(),
  /** Vertical position of the page centre inside the safe area: 0 = top, 1 = bottom. */
  verticalPosition: fraction.optional(),
  /** Platform UI margins as fractions of the output (TikTok/Reels: bottom bar and right-hand buttons). */
  safeArea: z.object({ top: fraction, bottom: fraction, left: fraction, right: fraction }).optional(),
});

export const speakerShortSchema = z.object({
  src: z.string().describe("Video URL, or a path inside the public folder (e.g. demo/clip.mp4)"),
  timeline: z
    .union([z.string(), z.record(z.string(), z.unknown())])
    .describe("Timeline JSON: URL / public path, or the timeline object"),
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
  camera: cameraOptionsSchema,
  captions: captionStyleSchema,
  showDebug: z.boolean().describe("Draw face boxes and the camera's reason"),
});

export type SpeakerShortProps = z.infer<typeof speakerShortSchema>;
export type CaptionStyleProps = z.infer<typeof captionStyleSchema>;
