// The batch manifest (JSON, YAML or CSV): jobs naming a source, a clip, captions, a template, an output and prop
// overrides; optional named templates and defaults. Zod validates everything before any work starts; issues name
// the job and the field (`jobs[2].start: "12:99" is not a time`). Paths are relative to the manifest's folder.
import { z } from "zod";
import { parseTimecode } from "../render/parse-timecode";
import { propOverridesSchema, templateSchema } from "../render/template-schema";

/** Seconds, or "[hh:]mm:ss(.s)" text; becomes seconds. */
export const timeValueSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const seconds = parseTimecode(value);
  if (seconds === null) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(value)} is not a time; use seconds (75.5) or [hh:]mm:ss(.s) with mm, ss < 60`,
    });
    return z.NEVER;
  }
  return seconds;
});

/** "WIDTHxHEIGHT" shorthand for overrides.output. */
export const sizeValueSchema = z.string().transform((value, ctx) => {
  const match = /^(\d+)x(\d+)$/i.exec(value.trim());
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  const ok = (v: number) => Number.isInteger(v) && v >= 16 && v <= 4320 && v % 2 === 0;
  if (!match || !ok(width) || !ok(height)) {
    ctx.addIssue({
      code: "custom",
      message: `${JSON.stringify(value)} is not a size; use WIDTHxHEIGHT with even numbers from 16 to 4320, e.g. 540x960`,
    });
    return z.NEVER;
  }
  return { width, height };
});

export const jobSchema = z
  .object({
    /** Name in logs and the report (default: job-<n>, from 1). */
    id: z
      .string()
      .regex(/^[\w.-]{1,80}$/, "must be 1-80 letters, digits, '_', '-' or '.'")
      .optional(),
    /** Local video; analysed once however many jobs use it. */
    source: z.string().min(1),
    /** The same video at a URL the renderer can fetch (needed with --lambda). */
    sourceUrl: z.url().optional(),
    start: timeValueSchema.optional(),
    end: timeValueSchema.optional(),
    srt: z.string().min(1).optional(),
    words: z.string().min(1).optional(),
    template: z.string().min(1).optional(),
    /** Short to write (.mp4, .mov, .mkv). */
    output: z.string().min(1),
    /** Output size shorthand, e.g. "540x960" (same as overrides.output). */
    size: sizeValueSchema.optional(),
    overrides: propOverridesSchema.optional(),
    /**
     * Follow one person: "P2", a source time ("01:23.5": whoever speaks then) or a face image (.jpg/.png, relative
     * to the manifest). Default: batch --follow, else whoever speaks.
     */
    follow: z.string().min(1).optional(),
  })
  .strict();

export const manifestSchema = z
  .object({
    version: z.literal(1).optional(),
    /** Named templates for this batch (may extend built-ins or each other). */
    templates: z.record(z.string().min(1), templateSchema).optional(),
    /** Applied to every job unless the job sets the field. */
    defaults: z
      .object({ template: z.string().min(1).optional(), overrides: propOverridesSchema.optional() })
      .strict()
      .optional(),
    jobs: z.array(jobSchema).min(1, "needs at least one job"),
  })
  .strict();

export type ManifestJobInput = z.input<typeof jobSchema>;
export type ManifestJob = z.output<typeof jobSchema>;
export type Manifest = z.output<typeof manifestSchema>;
