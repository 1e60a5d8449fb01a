export * from "./timeline-schema";
export { parseTimeline, TimelineError } from "./parse-timeline";
