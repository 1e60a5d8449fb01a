// Loads what the props point to (timeline, SRT, word timings) once, in calculateMetadata, and validates it, so
// every render tab gets inline data and errors surface before rendering starts.
import { decodeText } from "../io/decode-text";
import { parseTimeline } from "../timeline/parse-timeline";
import type { Timeline } from "../timeline/timeline-schema";
import { DEMO_COMMAND, DEMO_DIR } from "./demo-props";
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

/** A string that is JSON text rather than a location. */
export const isJsonText = (value: string) => /^\s*[{[]/.test(value);

/** The timeline prop as data: inline JSON text parsed, an object (Node callers) as is. */
export function timelineData(timeline: unknown): unknown {
  return typeof timeline === "string" ? parseJson(timeline, "timeline prop") : timeline;
}

async function fetchText(pathOrUrl: string, what: string, signal?: AbortSignal): Promise<string> {
  const url = resolveAssetUrl(pathOrUrl);
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw new Error(`could not load ${what} from ${pathOrUrl} (${url}): ${(error as Error).message}`);
  }
  if (!response.ok) {
    const hint = pathOrUrl.startsWith(`${DEMO_DIR}/`)
      ? `; run \`${DEMO_COMMAND}\` first: it writes the demo video, its timeline and SRT into public/${DEMO_DIR}/`
      : "";
    throw new Error(`could not load ${what} from ${pathOrUrl}: HTTP ${response.status}${hint}`);
  }
  // UTF-8 or UTF-16 by the byte-order mark, like the CLI reads its files.
  return decodeText(new Uint8Array(await response.arrayBuffer()), pathOrUrl);
}

/** Fetches and validates a timeline (URL or public path), e.g. in a custom composition's calculateMetadata. */
export async function loadTimeline(pathOrUrl: string, signal?: AbortSignal): Promise<Timeline> {
  const data = isJsonText(pathOrUrl)
    ? timelineData(pathOrUrl)
    : parseJson(await fetchText(pathOrUrl, "timeline", signal), `timeline ${pathOrUrl}`);
  return parseTimeline(data, isJsonText(pathOrUrl) ? "timeline prop" : pathOrUrl);
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
  const [timeline, srtText, words] = await Promise.all([
    typeof props.timeline === "string" && !isJsonText(props.timeline)
      ? fetchText(props.timeline, "timeline", signal).then((t) => parseJson(t, `timeline ${props.timeline}`))
      : Promise.resolve(timelineData(props.timeline)),
    isSrtText(props.srt) ? Promise.resolve(props.srt) : fetchText(props.srt, "SRT", signal),
    typeof props.words === "string"
      ? fetchText(props.words, "word timings", signal).then(
          (t) => parseJson(t, `word timings ${props.words}`) as SpeakerShortInputs["words"],
        )
      : Promise.resolve(props.words),
  ]);
  const origin =
    typeof props.timeline === "string" && !isJsonText(props.timeline) ? props.timeline : "timeline prop";
  return { timeline: parseTimeline(timeline, origin), srtText, words };
}
