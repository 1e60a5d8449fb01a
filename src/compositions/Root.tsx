// Compositions of speakerframe. The default props are a literal (Studio can only save default props it can read
// from the source) holding every camera and caption option at its default, so Studio shows each value.
import { Composition } from "remotion";
import { calculateSpeakerShortMetadata } from "./calculate-speaker-short-metadata";
import { SpeakerShort } from "./SpeakerShort";
import { speakerShortSchema } from "./speaker-short-schema";

export function RemotionRoot() {
  return (
    <Composition
      id="SpeakerShort"
      component={SpeakerShort}
      schema={speakerShortSchema}
      defaultProps={{
        src: "demo/demo-two-speakers.mp4",
        timeline: "demo/demo-two-speakers.timeline.json",
        srt: "demo/demo-two-speakers.srt",
        words: null,
        srtTimes: "source" as const,
        clipStartSeconds: 0,
        clipEndSeconds: null,
        output: { width: 1080, height: 1920 },
        fps: null,
        camera: {
          faceHeightFraction: 0.3,
          splitFaceHeightFraction: 0.45,
          faceCenterFromTop: 0.4,
          maxZoom: 2.5,
          deadzoneFraction: 0.1,
          smoothingSeconds: 0.25,
          maxSpeedWidthsPerSecond: 1,
          maxAccelerationWidthsPerSecond2: 3,
          minMoveSeconds: 0.6,
          minTurnSeconds: 0.7,
          minHoldSeconds: 1.2,
          anticipationSeconds: 0.12,
          panMaxDistanceWidths: 0.75,
          panSeconds: 0.4,
          quickTurnSeconds: 1.6,
          quickTurnsForTwoShot: 3,
          twoPersonLayout: "auto" as const,
          splitAdvantage: 1.3,
          noFaceLayout: "fit" as const,
          silence: "stay" as const,
          widenAfterSilenceSeconds: 4,
          contextSeconds: 6,
          followFallback: "speaker" as const,
        },
        captions: {
          enabled: true,
          fontWeight: "800" as const,
          fontSizeFractionOfWidth: 0.075,
          textColor: "#FFFFFF",
          highlightColor: "#FFD84D",
          strokeColor: "#000000",
          strokeFractionOfFont: 0.14,
          backgroundColor: "transparent",
          uppercase: true,
          maxWordsPerPage: 3,
          maxCharsPerPage: 18,
          silenceBreakMs: 600,
          verticalPosition: 0.82,
          safeArea: { top: 0.1, bottom: 0.2, left: 0.06, right: 0.12 },
        },
        showDebug: false,
      }}
      calculateMetadata={calculateSpeakerShortMetadata}
      // Placeholders: calculateMetadata sets the real size, fps and duration from the props.
      width={1080}
      height={1920}
      fps={25}
      durationInFrames={250}
    />
  );
}
