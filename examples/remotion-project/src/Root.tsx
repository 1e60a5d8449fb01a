// The project's compositions: speakerframe's SpeakerShort, and TalkingHead, a custom composition built from the
// useSpeakerCamera hook. Both read public/clip.mp4 and the timeline `npm run analyze` wrote beside it.
import { Composition } from "remotion";
import { calculateSpeakerShortMetadata, SpeakerShort, speakerShortSchema } from "speakerframe";
import { calculateTalkingHeadMetadata, TalkingHead, talkingHeadSchema } from "./TalkingHead";

export const RemotionRoot = () => (
  <>
    <Composition
      id="SpeakerShort"
      component={SpeakerShort}
      schema={speakerShortSchema}
      calculateMetadata={calculateSpeakerShortMetadata}
      defaultProps={{
        src: "clip.mp4",
        timeline: "clip.timeline.json",
        srt: "clip.srt",
        words: null,
        srtTimes: "source" as const,
        clipStartSeconds: 0,
        clipEndSeconds: null,
        output: { width: 1080, height: 1920 },
        fps: null,
        camera: {},
        captions: {},
        showDebug: false,
      }}
      // calculateMetadata sets the real size, fps and duration.
      width={1080}
      height={1920}
      fps={25}
      durationInFrames={250}
    />
    <Composition
      id="TalkingHead"
      component={TalkingHead}
      schema={talkingHeadSchema}
      calculateMetadata={calculateTalkingHeadMetadata}
      defaultProps={{ src: "clip.mp4", timeline: "clip.timeline.json", title: "Who is talking?" }}
      width={1080}
      height={1080}
      fps={25}
      durationInFrames={250}
    />
  </>
);
