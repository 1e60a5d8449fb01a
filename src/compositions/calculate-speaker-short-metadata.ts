// Loads and validates timeline, SRT and word timings once, plans once to surface errors (bad tags, empty clip)
// before rendering, and sets duration / fps / size from the clip and the output prop.
import type { CalculateMetadataFunction } from "remotion";
import { isSrtText, loadSpeakerShortInputs } from "./load-speaker-short-inputs";
import { prepareSpeakerShort } from "./prepare-speaker-short";
import type { SpeakerShortProps } from "./speaker-short-schema";

/** Set (to "1") in the page's environment by speakerframe's renderer (render-composition.ts). */
export const QUIET_BROWSER_ENV = "SPEAKERFRAME_QUIET_BROWSER";

function quietBrowser(): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  return env?.[QUIET_BROWSER_ENV] === "1";
}

export const calculateSpeakerShortMetadata: CalculateMetadataFunction<SpeakerShortProps> = async ({
  props,
  abortSignal,
}) => {
  const inputs = await loadSpeakerShortInputs(props, abortSignal);
  const prepared = prepareSpeakerShort({
    props: { ...props, timeline: inputs.timeline, srt: inputs.srtText, words: inputs.words },
    srtOrigin: isSrtText(props.srt) ? "SRT prop" : props.srt,
  });
  // speakerframe's own renders print these warnings once themselves; Studio and `remotion render` show them here.
  if (!quietBrowser()) for (const warning of prepared.warnings) console.warn(`SpeakerShort: ${warning}`);
  return {
    durationInFrames: prepared.clip.durationInFrames,
    fps: prepared.clip.fps,
    width: props.output.width,
    height: props.output.height,
    // Inline data, so every render tab skips the fetches; the timeline as JSON text (the prop is a string).
    props: { ...props, timeline: JSON.stringify(inputs.timeline), srt: inputs.srtText, words: inputs.words },
  };
};
