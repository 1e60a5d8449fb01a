// Tagged cues -> camera directives for planCamera. Times shift by `offsetSeconds` (e.g. the clip start when the
// SRT is timed from the start of the clip rather than the source).
import type { CameraDirective } from "../compositions/camera/camera-types";
import type { SrtCue } from "./parse-srt-cues";

export function cuesToDirectives(input: { cues: SrtCue[]; offsetSeconds?: number }): CameraDirective[] {
  const offset = input.offsetSeconds ?? 0;
  const directives: CameraDirective[] = [];
  for (const cue of input.cues) {
    if (cue.tags.length === 0 || cue.displayEndSeconds <= cue.startSeconds) continue;
    const directive: CameraDirective = {
      startSeconds: cue.startSeconds + offset,
      endSeconds: cue.displayEndSeconds + offset,
      label: `cue ${cue.number} ${cue.tags.map((t) => t.source).join(" ")}`,
    };
    for (const tag of cue.tags) {
      if (tag.name === "zoom") directive.zoom = tag.factor;
      else if (tag.name === "wide") directive.force = { kind: "wide" };
      else if (tag.name === "two-shot") directive.force = { kind: "two-shot" };
      else if (tag.name === "speaker") directive.force = { kind: "track", trackId: tag.trackId };
      else if (tag.name === "person") directive.force = { kind: "person", personId: tag.personId };
      else directive.force = { kind: "side", side: tag.name };
    }
    directives.push(directive);
  }
  return directives;
}
