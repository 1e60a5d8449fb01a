// Reading and writing timeline JSON files (Node only; compositions use parseTimeline on fetched data).
import { writeFileAtomic } from "../io/atomic-output";
import { readInputText } from "../io/input-file";
import { parseTimeline, TimelineError } from "./parse-timeline";
import type { Timeline } from "./timeline-schema";

export async function readTimelineFile(path: string): Promise<Timeline> {
  const text = await readInputText(path, "timeline", (message) => new TimelineError(message));
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TimelineError(`timeline ${path} is not valid JSON (${(error as Error).message})`);
  }
  return parseTimeline(data, `timeline ${path}`);
}

/** Compact, deterministic JSON (same analysis → same bytes), written atomically. */
export function serializeTimeline(timeline: Timeline): string {
  return `${JSON.stringify(timeline)}\n`;
}

export async function writeTimelineFile(path: string, timeline: Timeline): Promise<void> {
  await writeFileAtomic(path, serializeTimeline(timeline));
}
