// SRT subtitles with camera tags (grammar: TAGS.md).
export { parseSrtCues, type SrtCue, type ParseSrtCuesInput, type ParseSrtCuesResult } from "./parse-srt-cues";
export { parseCueTags, ALLOWED_TAGS, ZOOM_MIN, ZOOM_MAX, type CueTag } from "./parse-cue-tags";
export { cuesToDirectives } from "./cues-to-directives";
export { SrtError } from "./srt-error";
