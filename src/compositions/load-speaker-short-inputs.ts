// Loads what the props point to (timeline, SRT, word timings) once, in calculateMetadata, and validates it, so
// every render tab gets inline data and errors surface before rendering starts.
import { parseTimeline } from "../timeline/parse-timeline";
import type { Timeline } from "../timeline/timeline-schema";
import { resolveAssetUrl } from "./resolve-asset-url";
import type { SpeakerShortProps } from "./speaker-short-schema";

export interface SpeakerShortInputs {
  timeline: Timeline;
  srtText: string;
  /** Raw word-timing data (parsed later by parseWordTimings), or null. */
  words: unknown[] | Record<string, unknown> | null;
}

/** A string that is SRT content rather than a location (SRT always has a "-->" time line). */
export const isSrtText = (value: string) => value.trim() === "" || value.includes("-->");

async function fetchText(pathOrUrl: string, what: string, signal?: AbortSignal): Promise<string> {
  const url = resolveAssetUrl(pathOrUrl);
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new Error(`could not load ${what} from ${pathOrUrl} (${url}): ${(error as Error).message}`);
  }
  if (!response.ok) {
    const hint = pathOrUrl.startsWith("demo/")
      ? "; run `npx vite-node src/compositions/demo/prepare-demo-cli.ts` to fill public/demo"
      : "";
    throw new Error(`could not load ${what} from ${pathOrUrl}: HTTP ${response.status}${hint}`);
  }
  return response.text();
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${what} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function loadSpeakerShortInputs(
  props: SpeakerShortProps,
  signal?: AbortSignal,
): Promise<SpeakerShortInputs> {
  const [timelineData, srtText, words] = await Promise.all([
    typeof props.timeline === "string"
      ? fetchText(props.timeline, "timeline", signal).then((t) => parseJson(t, `timeline ${props.timeline}`))
      : Promise.resolve(props.timeline),
    isSrtText(props.srt) ? Promise.resolve(props.srt) : fetchText(props.srt, "SRT", signal),
    typeof props.words === "string"
      ? fetchText(props.words, "word timings", signal).then(
          (t) => parseJson(t, `word timings ${props.words}`) as SpeakerShortInputs["words"],
        )
      : Promise.resolve(props.words),
  ]);
  const origin = typeof props.timeline === "string" ? props.timeline : "timeline prop";
  return { timeline: parseTimeline(timelineData, origin), srtText, words };
}
