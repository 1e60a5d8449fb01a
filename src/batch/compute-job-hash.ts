// A job's identity for resuming: everything that changes the rendered bytes (source content, analysis settings,
// clip, captions content, resolved props, encoder settings, speakerframe and Remotion versions). Pure.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { extname } from "node:path";
import type { ResolvedTemplate } from "../render/resolve-template";
import packageJson from "../../package.json";

/** The Remotion renderer that renders (a peer dependency: the user's version, not ours). */
const RENDERER_VERSION: string = createRequire(import.meta.url)("@remotion/renderer/package.json").version;

export interface ComputeJobHashInput {
  /** analysisCacheKey of the source: its sha256, the model and the analysis settings. */
  analysisKey: string;
  startSeconds: number;
  endSeconds: number | null;
  srtText: string;
  /** Word-timing file contents ("" for none). */
  wordsText: string;
  template: ResolvedTemplate;
  output: string;
  render: {
    crf?: number;
    x264Preset?: string;
    target: "local" | "lambda";
    /** A user's composition (entry path and id); absent for SpeakerShort, so older hashes stay valid. */
    composition?: { entryPoint: string | null; id: string };
  };
  /** Decision settings over the defaults (they change who is framed, not the analysis). */
  decision?: Record<string, number>;
  /** --follow as given, and the sha256 of a face image or voice sample. */
  follow?: { who: string; file: string | null } | null;
}

export function computeJobHash(input: ComputeJobHashInput): string {
  const sha = (text: string) => createHash("sha256").update(text).digest("hex");
  const identity = {
    v: 1,
    speakerframe: packageJson.version,
    remotion: RENDERER_VERSION,
    analysis: input.analysisKey,
    clip: [input.startSeconds, input.endSeconds],
    srt: sha(input.srtText),
    words: sha(input.wordsText),
    props: sortKeys(input.template),
    container: extname(input.output).toLowerCase(),
    render: sortKeys(input.render),
    ...(input.decision && Object.keys(input.decision).length ? { decision: sortKeys(input.decision) } : {}),
    ...(input.follow ? { follow: sortKeys(input.follow) } : {}),
  };
  return sha(JSON.stringify(identity));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
