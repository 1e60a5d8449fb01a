// Studio's default props: the synthetic two-speaker clip, its labels timeline and a tagged SRT, served from the
// gitignored public/demo/ folder that src/compositions/demo/prepare-demo-cli.ts fills (media is never committed).
import type { SpeakerShortProps } from "./speaker-short-schema";

export const DEMO_DIR = "demo";
export const DEMO_VIDEO = `${DEMO_DIR}/synthetic_two_speakers_alternating_1280x720.mp4`;
export const DEMO_TIMELINE = `${DEMO_DIR}/synthetic_two_speakers_alternating_1280x720.timeline.json`;
export const DEMO_SRT = `${DEMO_DIR}/synthetic_two_speakers_alternating_1280x720.srt`;

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
