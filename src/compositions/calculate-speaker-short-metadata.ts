// Loads and validates timeline, SRT and word timings once, plans once to surface errors (bad tags, empty clip)
// before rendering, and sets duration / fps / size from the clip and the output prop.
import type { CalculateMetadataFunction } from "remotion";
import { isSrtText, loadSpeakerShortInputs } from "./load-speaker-short-inputs";
import { prepareSpeakerShort } from "./prepare-speaker-short";
import type { SpeakerShortProps } from "./speaker-short-schema";
import { WARNINGS_REPORTED_ENV } from "./warnings-env";

export const calculateSpeakerShortMetadata: CalculateMetadataFunction<SpeakerShortProps> = async ({
  props,
  abortSignal,
}) => {
  const inputs = await loadSpeakerShortInputs(props, abortSignal);
  const prepared = prepareSpeakerShort({
    props: { ...props, timeline: inputs.timeline, srt: inputs.srtText, words: inputs.words },
    srtOrigin: isSrtText(props.srt) ? "SRT prop" : props.srt,
  });
  // speakerframe's own renders print them on the Node side; Studio and `npx remotion render` see them here.
  const reported = typeof process !== "undefined" && process.env?.[WARNINGS_REPORTED_ENV] === "1";
  if (!reported) for (const warning of prepared.warnings) console.warn(`SpeakerShort: ${warning}`);
  return {
    durationInFrames: prepared.clip.durationInFrames,
    fps: prepared.clip.fps,
    width: props.output.width,
    height: props.output.height,
    // Inline data, so every render tab skips the fetches; the timeline as JSON text (the prop is a string).
    props: { ...props, timeline: JSON.stringify(inputs.timeline), srt: inputs.srtText, words: inputs.words },
  };
};
