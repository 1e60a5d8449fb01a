// Studio's demo files: the two-speaker demo clip, its analysed timeline and a tagged SRT, served from the gitignored
// public/demo/ folder that `npm run demo` fills (media is never committed). Root.tsx spells the same props out.
import type { SpeakerShortProps } from "./speaker-short-schema";

export const DEMO_DIR = "demo";
export const DEMO_NAME = "demo-two-speakers";
export const DEMO_VIDEO = `${DEMO_DIR}/${DEMO_NAME}.mp4`;
export const DEMO_TIMELINE = `${DEMO_DIR}/${DEMO_NAME}.timeline.json`;
export const DEMO_SRT = `${DEMO_DIR}/${DEMO_NAME}.srt`;
/** What Studio shows until the files exist. */
export const DEMO_COMMAND = "npm run demo";

export const DEMO_PROPS: SpeakerShortProps = {
  src: DEMO_VIDEO,
  timeline: DEMO_TIMELINE,
  srt: DEMO_SRT,
  words: null,
  srtTimes: "source",
  clipStartSeconds: 0,
  clipEndSeconds: null,
  output: { width: 1080, height: 1920 },
  fps: null,
  camera: {},
  captions: {},
  showDebug: false,
};
