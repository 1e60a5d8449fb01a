export * from "./timeline-schema";
export { parseTimeline, TimelineError } from "./parse-timeline";
export { alignTimelineToSource } from "./align-timeline-to-source";
