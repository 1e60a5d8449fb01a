// Ground truth of one generated speaker-benchmark case (bench/speaker-bench): who is on screen where, and who
// speaks, per analysis frame (25 fps; frame i covers [i / 25, (i + 1) / 25) s of the case video). Compact: layout
// intervals plus each face's speaking intervals. Types only; bench/speaker-bench/read-speaker-case-labels.ts reads
// and checks a labels.json.

/** [x1, y1, x2, y2] in output px: the region where a face's video is drawn (its tile, bars excluded). */
export type LabelBox = [number, number, number, number];

/** Half-open [startFrame, endFrame) in analysis frames. */
export type FrameInterval = [number, number];

export interface SpeakerCaseFace {
  /** Name of the person in this case ("left", "host", …); the same person may appear in several shots. */
  name: string;
  /** Source clip file name in ../shared/media. */
  sourceClip: string;
  /** Drawn mirrored (a second, never-speaking face made from a clip already on screen). */
  flipped?: boolean;
  /** Frames where this face speaks: its own audio is the one playing and it is voiced (see voicingRule). */
  speakingIntervals: FrameInterval[];
}

export interface SpeakerCaseLayout {
  startFrame: number;
  endFrame: number;
  /** Faces drawn on screen over [startFrame, endFrame); a face absent from every layout is off screen. */
  visible: { face: string; box: LabelBox }[];
}

export interface SpeakerCaseLabels {
  caseId: string;
  split: "fit" | "heldout";
  kinds: string[];
  sourceClips: string[];
  width: number;
  height: number;
  /** Output video frame rate (e.g. 25, 30, 59.94). */
  fps: number;
  /** Analysis frame rate the labels are on (25). */
  analysisFps: number;
  /** Analysis frames: duration × analysisFps. */
  frameCount: number;
  /** How speaking frames were derived from the audio, in words. */
  voicingRule: string;
  faces: SpeakerCaseFace[];
  layouts: SpeakerCaseLayout[];
}
