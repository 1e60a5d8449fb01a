// Compositions of speakerframe.
import { Composition } from "remotion";
import { calculateSpeakerShortMetadata } from "./calculate-speaker-short-metadata";
import { DEMO_PROPS } from "./demo-props";
import { SpeakerShort } from "./SpeakerShort";
import { speakerShortSchema } from "./speaker-short-schema";

export function RemotionRoot() {
  return (
    <Composition
      id="SpeakerShort"
      component={SpeakerShort}
      schema={speakerShortSchema}
      defaultProps={DEMO_PROPS}
      calculateMetadata={calculateSpeakerShortMetadata}
      // Placeholders: calculateMetadata sets the real size, fps and duration from the props.
      width={1080}
      height={1920}
      fps={25}
      durationInFrames={250}
    />
  );
}
