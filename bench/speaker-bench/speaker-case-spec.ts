// What a generated speaker-benchmark case is made of: faces (each a source clip, its own audio and a clip clock),
// and a list of segments, each a layout of tiles and the soundtrack that plays over it. build-speaker-case.ts
// renders a spec with ffmpeg; the labels follow from the spec and the audio actually written.

export type Split = "fit" | "heldout";

/**
 * Source clips by split. A case uses clips of one split only, so a decision fitted on "fit" cases is measured on
 * faces and voices it never saw. tiwater_pycrop_00001 shares 00000's soundtrack: it is only ever a silent listener.
 */
export const SPLIT_CLIPS: Record<Split, readonly string[]> = {
  fit: [
    "videoretalking_face_1.mp4",
    "videoretalking_face_4.mp4",
    "videoretalking_face_5.mp4",
    "tiwater_pycrop_00000.avi",
    "tiwater_pycrop_00001.avi",
  ],
  heldout: [
    "videoretalking_face_2.mp4",
    "videoretalking_face_3.mp4",
    "remotion_template-tiktok_sample-video.mp4",
  ],
};

/** Clips whose audio must never be played as a face's voice. */
export const LISTENER_ONLY_CLIPS: readonly string[] = ["tiwater_pycrop_00001.avi"];

export interface FaceSource {
  /** File name in ../shared/media. */
  clip: string;
  /** Mirror the picture (a never-speaking extra face made from a clip of the same split). */
  flip?: boolean;
  /** Where this face's clip clock starts, seconds (default 0). */
  startSeconds?: number;
}

/**
 * play: the clip runs (its clock advances; lips move whether or not its audio is heard).
 * frozen: a still frame at the face's current clock (a listener who does not move).
 * drift: that still frame, slightly enlarged and slowly panned (a listener a camera drifts over).
 */
export type TileMotion = "play" | "frozen" | "drift";

export interface Tile {
  face: string;
  /** Output px [x, y, width, height]. */
  box: [number, number, number, number];
  motion: TileMotion;
  /** cover: fill the box, cropping (default); contain: fit inside with black bars (letter/pillarbox). */
  fit?: "cover" | "contain";
}

export interface Segment {
  /** Duration, a multiple of 0.04 s (one analysis frame). */
  seconds: number;
  /** Face whose clip's audio plays (on or off screen), or null for silence. */
  audio: string | null;
  tiles: Tile[];
}

export interface SpeakerCaseSpec {
  id: string;
  split: Split;
  kinds: string[];
  /** Short case run by the CI test. */
  ci?: boolean;
  /** What the case is, in a sentence. */
  description: string;
  width: number;
  height: number;
  /** Output frame rate as ffmpeg reads it: "25", "30" or "60000/1001". */
  fps: "25" | "30" | "60000/1001";
  faces: Record<string, FaceSource>;
  segments: Segment[];
}

export const fpsNumber = (fps: SpeakerCaseSpec["fps"]) => (fps === "60000/1001" ? 60000 / 1001 : Number(fps));

export const caseSeconds = (spec: SpeakerCaseSpec) =>
  Math.round(spec.segments.reduce((sum, s) => sum + s.seconds, 0) * 25) / 25;
