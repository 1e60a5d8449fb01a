// Templates: named presets of SpeakerShort props (output size, fps, camera options, caption style). Strict zod so a
// misspelt option is an error naming it instead of being silently ignored.
import { z } from "zod";
import { cameraOptionsSchema, captionStyleSchema } from "../compositions/speaker-short-schema";

const evenSize = z
  .number()
  .int()
  .min(16)
  .max(4320)
  .refine((v) => v % 2 === 0, "must be an even number of px");

export const outputSizeSchema = z.object({ width: evenSize, height: evenSize }).strict();

/** What a template or a job's overrides may set (all optional). */
export const propOverridesSchema = z
  .object({
    output: outputSizeSchema.optional(),
    fps: z.number().min(1).max(120).nullable().optional(),
    camera: cameraOptionsSchema.strict().optional(),
    captions: captionStyleSchema.strict().optional(),
    showDebug: z.boolean().optional(),
    srtTimes: z.enum(["source", "clip"]).optional(),
  })
  .strict();

export const templateSchema = propOverridesSchema
  .extend({
    /** Name of a template (built-in or from the same config) this one starts from. */
    extends: z.string().min(1).optional(),
    description: z.string().optional(),
  })
  .strict();

/** A config file: `{ templates: { name: {...} } }` (JSON or YAML). */
export const templateConfigSchema = z
  .object({ templates: z.record(z.string().min(1), templateSchema) })
  .strict();

export type PropOverrides = z.infer<typeof propOverridesSchema>;
export type TemplateInput = z.infer<typeof templateSchema>;
export type TemplateConfig = z.infer<typeof templateConfigSchema>;
