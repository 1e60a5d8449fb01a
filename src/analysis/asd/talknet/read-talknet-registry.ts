// `<model cache>/talknet-models.json`: the TalkNet models built from users' checkpoints, oldest first.
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { TalknetCheckpointError } from "./talknet-checkpoint-error";

export const TALKNET_REGISTRY_FILE = "talknet-models.json";

export const talknetRegistryEntrySchema = z.object({
  /** `talknet-<first 8 hex of sourceSha256>`; also the model file's stem. */
  id: z.string().regex(/^talknet-[0-9a-f]{8}$/),
  /** `<id>.onnx`, in the same folder as the registry. */
  file: z.string().regex(/^talknet-[0-9a-f]{8}\.onnx$/),
  /** sha256 of the checkpoint the model was built from. */
  sourceSha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** File name of that checkpoint (for listings only). */
  sourceName: z.string(),
  /** sha256 and size of the built .onnx, checked before use. */
  onnxSha256: z.string().regex(/^[0-9a-f]{64}$/),
  bytes: z.number().int().positive(),
  /** TALKNET_GRAPH_VERSION of the builder that wrote the file. */
  graphVersion: z.number().int(),
  /** ISO time of the last `models add-talknet` of this checkpoint; the newest is what `--model talknet` uses. */
  created: z.string(),
});

export const talknetRegistrySchema = z.object({
  version: z.literal(1),
  models: z.array(talknetRegistryEntrySchema),
});

export type TalknetRegistryEntry = z.infer<typeof talknetRegistryEntrySchema>;
export type TalknetRegistry = z.infer<typeof talknetRegistrySchema>;

export interface ReadTalknetRegistryOptions {
  /** The resolved model cache folder. */
  cacheDir: string;
}

/** The registry in `cacheDir` (empty when there is none); a damaged file is a one-line error. */
export async function readTalknetRegistry(options: ReadTalknetRegistryOptions): Promise<TalknetRegistry> {
  const path = join(options.cacheDir, TALKNET_REGISTRY_FILE);
  if (!existsSync(path)) return { version: 1, models: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new TalknetCheckpointError(
      `${path} is not valid JSON (${reason}); delete it and add the model again`,
    );
  }
  const result = talknetRegistrySchema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TalknetCheckpointError(
      `${path} is not a TalkNet model registry (${issue?.path.join(".") || "root"}: ${issue?.message}); ` +
        `delete it and add the model again`,
    );
  }
  return result.data;
}
