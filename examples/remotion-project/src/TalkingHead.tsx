// A custom composition from speakerframe's building blocks: a square video whose camera follows the speaker
// (useSpeakerCamera + SpeakerCrop), with a title bar naming the framed face.
import { AbsoluteFill, useVideoConfig, type CalculateMetadataFunction } from "remotion";
import { loadTimeline, resolveAssetUrl, SpeakerCrop, useSpeakerCamera } from "speakerframe";
import { z } from "zod";

export const talkingHeadSchema = z.object({
  src: z.string().describe("Video: a path in public/ or a URL"),
  timeline: z.string().describe("Timeline: a path in public/ or a URL"),
  title: z.string(),
});

type TalkingHeadProps = z.infer<typeof talkingHeadSchema>;

// Loads the timeline once (every render tab gets it inline) and takes the clip's fps and length from it.
export const calculateTalkingHeadMetadata: CalculateMetadataFunction<TalkingHeadProps> = async ({
  props,
  abortSignal,
}) => {
  const timeline = await loadTimeline(props.timeline, abortSignal);
  const fps = timeline.source.fps.num / timeline.source.fps.den;
  return {
    fps,
    durationInFrames: Math.floor((timeline.analysis.frameCount / timeline.analysis.fps) * fps),
    props: { ...props, timeline: JSON.stringify(timeline) },
  };
};

export const TalkingHead = (props: TalkingHeadProps) => {
  const { width, height } = useVideoConfig();
  const { frame, plan, clip } = useSpeakerCamera(props.timeline, { camera: { faceHeightFraction: 0.4 } });
  return (
    <AbsoluteFill style={{ backgroundColor: "#101014" }}>
      <SpeakerCrop
        src={resolveAssetUrl(props.src)}
        trimBeforeFrames={clip.trimBeforeFrames}
        window={frame.window}
        region={{ x: 0, y: 0, width, height }}
        source={plan.source}
        muted={false}
      />
      <div
        data-framed={frame.trackIds.join(",")}
        style={{
          position: "absolute",
          left: 0,
          right: 0,
          bottom: 0,
          padding: 32,
          background: "rgba(0, 0, 0, 0.65)",
          color: "white",
          font: "700 56px sans-serif",
        }}
      >
        {props.title} · face {frame.trackIds.join(" + ") || "none"}
      </div>
    </AbsoluteFill>
  );
};
