// What batch (the producer) and workers exchange through Redis, versioned and validated with zod at both ends.
// Queue names carry the protocol version, so producers and workers of different protocols never share a queue;
// every payload also names the speakerframe version that made it, because job hashes and analysis cache keys
// include it: a worker of another version refuses the job with one line instead of rendering different bytes.
import { z } from "zod";
import { decisionParamsSchema } from "../../decision/decision-params";
import packageJson from "../../../package.json";

export const QUEUE_PROTOCOL = 1;
export const SPEAKERFRAME_VERSION: string = packageJson.version;

export const QUEUE_NAMES = {
  analysis: `speakerframe-v${QUEUE_PROTOCOL}-analysis`,
  /** Light jobs: one per analysed source, enqueueing its renders once the analysis is done. */
  fanOut: `speakerframe-v${QUEUE_PROTOCOL}-fan-out`,
  render: `speakerframe-v${QUEUE_PROTOCOL}-render`,
} as const;

export type QueueKind = keyof typeof QUEUE_NAMES;

/** Deterministic job ids: the same source + settings (or job hash) is the same job on every machine. */
export const analysisJobId = (analysisKey: string) => `analysis-${analysisKey}`;
export const fanOutJobId = (analysisKey: string) => `fan-out-${analysisKey}`;
export const renderJobId = (jobHash: string) => `render-${jobHash}`;

const envelope = {
  protocol: z.literal(QUEUE_PROTOCOL),
  speakerframe: z.string(),
};

export const analysisSettingsSchema = z.strictObject({
  model: z.string(),
  detectEvery: z.number().int().min(1).max(12),
  sync: z.boolean(),
  scoring: z.enum(["exact", "fast"]),
  /** --allow-truncated: analyse what decodes of a truncated source (absent = refuse it). */
  allowTruncated: z.literal(true).optional(),
});

export const analysisPayloadSchema = z.strictObject({
  ...envelope,
  source: z.string().min(1),
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  analysisKey: z.string().min(1),
  settings: analysisSettingsSchema,
  /** Timeline cache on the shared storage (absolute). */
  timelineCacheDir: z.string().min(1),
});

export const analysisResultSchema = z.strictObject({
  ...envelope,
  timelinePath: z.string().min(1),
  from: z.enum(["cache", "analysis"]),
  analysisSeconds: z.number().min(0),
  worker: z.string(),
});

export const renderPayloadSchema = z.strictObject({
  ...envelope,
  jobId: z.string(),
  index: z.number().int().min(0),
  jobHash: z.string().regex(/^[0-9a-f]{64}$/),
  source: z.string().min(1),
  output: z.string().min(1),
  startSeconds: z.number().min(0),
  endSeconds: z.number().nullable(),
  /** Caption inputs travel as data, so the job hash and the render see the same bytes. */
  srtText: z.string(),
  srtOrigin: z.string(),
  wordsText: z.string(),
  wordsOrigin: z.string().nullable(),
  templateName: z.string(),
  template: z.looseObject({ output: z.object({ width: z.number(), height: z.number() }) }),
  render: z.strictObject({
    crf: z.number().int().optional(),
    x264Preset: z.string().optional(),
    tabs: z.number().int().nullable(),
    /** A user's composition; the entry path must be visible to every worker (shared storage). */
    composition: z
      .strictObject({ entryPoint: z.string().min(1).nullable(), id: z.string().min(1) })
      .optional(),
  }),
  /** Settings of the decision of who speaks, applied to the analysed timeline (they never re-analyse). */
  decision: decisionParamsSchema.partial().optional(),
  /**
   * --follow as given: a person ("P2"), a source time, or a face image's absolute path on the shared storage. The
   * worker resolves it against the analysed timeline.
   */
  follow: z.string().min(1).optional(),
  /** Set by the fan-out job from the analysis result. */
  timelinePath: z.string().nullable(),
});

export const renderResultSchema = z.strictObject({
  ...envelope,
  width: z.number().int(),
  height: z.number().int(),
  fps: z.number(),
  durationInFrames: z.number().int(),
  renderSeconds: z.number().min(0),
  warnings: z.array(z.string()),
  /** False when an earlier attempt had already written the output (nothing rendered twice). */
  wrote: z.boolean(),
  /** The person followed and how they were found; null without --follow. */
  follow: z.strictObject({ person: z.string(), how: z.string() }).nullable(),
  worker: z.string(),
});

export const fanOutPayloadSchema = z.strictObject({
  ...envelope,
  analysisJobId: z.string(),
  renders: z.array(renderPayloadSchema),
});

export const fanOutResultSchema = z.strictObject({
  ...envelope,
  renderJobIds: z.array(z.string()),
});

export type AnalysisPayload = z.infer<typeof analysisPayloadSchema>;
export type AnalysisResult = z.infer<typeof analysisResultSchema>;
export type RenderPayload = z.infer<typeof renderPayloadSchema>;
export type RenderResult = z.infer<typeof renderResultSchema>;
export type FanOutPayload = z.infer<typeof fanOutPayloadSchema>;
export type FanOutResult = z.infer<typeof fanOutResultSchema>;

export const envelopeFields = () => ({
  protocol: QUEUE_PROTOCOL as typeof QUEUE_PROTOCOL,
  speakerframe: SPEAKERFRAME_VERSION,
});
