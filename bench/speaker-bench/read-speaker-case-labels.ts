// Reads a generated case's labels.json (see src/analysis/evaluation/speaker-case-labels.ts), checked, with one
// clear line naming what is wrong.
import { readFileSync } from "node:fs";
import { z } from "zod";
import type { SpeakerCaseLabels } from "../../src/analysis/evaluation/speaker-case-labels";

const interval = z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]);
const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);
const labelsSchema = z.object({
  caseId: z.string(),
  split: z.enum(["fit", "heldout"]),
  kinds: z.array(z.string()),
  sourceClips: z.array(z.string()),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  fps: z.number().positive(),
  analysisFps: z.number().positive(),
  frameCount: z.number().int().nonnegative(),
  voicingRule: z.string(),
  faces: z.array(
    z.object({
      name: z.string(),
      sourceClip: z.string(),
      flipped: z.boolean().optional(),
      speakingIntervals: z.array(interval),
    }),
  ),
  layouts: z.array(
    z.object({
      startFrame: z.number().int().nonnegative(),
      endFrame: z.number().int().nonnegative(),
      visible: z.array(z.object({ face: z.string(), box })),
    }),
  ),
});

export function readSpeakerCaseLabels(path: string): SpeakerCaseLabels {
  const parsed = labelsSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${path}: ${issue.path.join(".") || "labels"} ${issue.message}`);
  }
  return parsed.data;
}
