// Types shared by the camera planner, its metrics and the composition that draws the plan.
// Units: "source px" are display pixels of the source video; "output px" are pixels of the rendered short;
// "output frames" index the composition (fps = plan.fps); "seconds" are source-video seconds unless named otherwise.
import type { Timeline } from "../../timeline/timeline-schema";
import type { FollowTarget } from "../../decision/resolve-follow";

/** A crop window in source px. May extend past the source edges (then a blurred background fills the rest). */
export interface CropWindow {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Largest window of this aspect that fits inside the source, divided by this window (1 = widest crop, >1 = zoomed in, <1 = wider than the source). */
  zoom: number;
}

/** A content region in source px (the picture without bars, or one tile of a grid). */
export interface ContentBounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How one output frame is composed. */
export type CameraLayout =
  /** One crop window fills the output. */
  | "single"
  /** Stacked split screen: `window` fills the top half, `lowerWindow` the bottom half. */
  | "split";

export interface CameraFrame {
  /** Source time shown by this output frame. */
  sourceSeconds: number;
  /** Index into timeline.shots (-1 when the time is past the analysed frames). */
  shot: number;
  layout: CameraLayout;
  /** Crop for the whole output ("single") or for the top half ("split"). */
  window: CropWindow;
  /** Crop for the bottom half ("split" only). */
  lowerWindow: CropWindow | null;
  /**
   * Content region (source px) `window` shows: only its pixels are drawn, and where the window is larger than it
   * (a tile too small for the framing) a blurred copy of the region fills the rest. null: the whole source.
   */
  region?: ContentBounds | null;
  /** Content region of `lowerWindow` ("split" only). */
  lowerRegion?: ContentBounds | null;
  /** Tracks the camera frames (speaker, or both people of a two-shot); empty for no-face framings. */
  trackIds: number[];
  /** Index into plan.segments. */
  segment: number;
}

/** What the camera aims at during a segment. */
export type CameraTarget =
  | { kind: "speaker"; trackId: number }
  /** Two people at once; the planner picks a stacked split or a wide framing (see chooseTwoPersonLayout). */
  | { kind: "pair"; trackIds: [number, number] }
  /** The whole source frame fitted into the output over a blurred copy of itself. */
  | { kind: "fit" }
  /** The widest crop of the output's aspect, centred in the source. */
  | { kind: "center" };

/** A stretch of source time with one camera target, decided before any path is smoothed. */
export interface CameraSegment {
  startSeconds: number;
  endSeconds: number;
  shot: number;
  target: CameraTarget;
  /** Zoom factor on top of the automatic framing (from `[zoom N]` tags). */
  zoom: number;
  /** Why this target was chosen, e.g. "track 1 speaking", "silence: staying on track 1". */
  reason: string;
  /** Set when an SRT tag forced the target or zoom (tags survive min-hold merging). */
  forcedBy: string | null;
}

export type CameraEventType = "hold" | "pan" | "cut";

export interface CameraEvent {
  type: CameraEventType;
  /** First output frame of the event (for a cut: the first frame after it). */
  startFrame: number;
  /** One past the last output frame (a cut has endFrame = startFrame). */
  endFrame: number;
  startSeconds: number;
  endSeconds: number;
  reason: string;
  /** Segment held, or the segment cut/panned to. */
  segment: number;
}

/** A camera instruction from a tagged SRT cue, in source seconds. */
export interface CameraDirective {
  startSeconds: number;
  endSeconds: number;
  /** Zoom factor on top of the automatic framing. */
  zoom?: number;
  /** Force a framing: a track id, the leftmost/rightmost face, a two-shot, or the whole frame. */
  force?:
    | { kind: "track"; trackId: number }
    /** A person of `timeline.people` (`[speaker P2]`, `[follow P2]`): whichever of their tracks is visible. */
    | { kind: "person"; personId: number }
    | { kind: "side"; side: "left" | "right" }
    | { kind: "two-shot" }
    | { kind: "wide" };
  /** Shown in event reasons and errors, e.g. "cue 3 [zoom 1.4]". */
  label: string;
}

export type TwoPersonLayoutOption = "auto" | "split" | "wide";
export type NoFaceLayoutOption = "fit" | "center";
export type SilenceOption = "stay" | "widen";
export type FollowFallbackOption = "speaker" | "wide";

export interface CameraOptions {
  /** Face height as a fraction of the window height at zoom 1 (bigger = tighter). */
  faceHeightFraction: number;
  /** Face height as a fraction of a split-screen panel's height (panels are half as tall: frame tighter). */
  splitFaceHeightFraction: number;
  /** Where the face centre sits, as a fraction of the window height from its top (headroom). */
  faceCenterFromTop: number;
  /** Largest automatic zoom (relative to the widest inside-source crop); tags may go beyond by their factor. */
  maxZoom: number;
  /** Half-width of the deadzone around the framed face, as a fraction of the window width (and height). */
  deadzoneFraction: number;
  /** Zero-phase smoothing of the face track before the deadzone, seconds (Gaussian sigma). */
  smoothingSeconds: number;
  /** Camera speed limit inside a segment, window widths per second. */
  maxSpeedWidthsPerSecond: number;
  /** Camera acceleration limit inside a segment, window widths per second squared. */
  maxAccelerationWidthsPerSecond2: number;
  /** Shortest reframing move, seconds. */
  minMoveSeconds: number;
  /** A speaker run shorter than this is a blip and never switches the camera, seconds. */
  minTurnSeconds: number;
  /** The camera holds any framing at least this long (except at shot cuts and tags), seconds. */
  minHoldSeconds: number;
  /** Switch this long before the new speaker's first analysed speaking frame, seconds. */
  anticipationSeconds: number;
  /** Switch speakers with a fast pan instead of a cut when the new window centre is within this many window widths. */
  panMaxDistanceWidths: number;
  /** Duration of a speaker-switch pan, seconds. */
  panSeconds: number;
  /** Turns shorter than this count as quick turn-taking, seconds. */
  quickTurnSeconds: number;
  /** This many consecutive quick turns between the same two people become a two-shot. */
  quickTurnsForTwoShot: number;
  /** Two-person layout: "auto" measures both and picks (see chooseTwoPersonLayout). */
  twoPersonLayout: TwoPersonLayoutOption;
  /** With "auto", keep the wide framing unless the split shows faces this many times larger. */
  splitAdvantage: number;
  /** Framing when no face is visible. */
  noFaceLayout: NoFaceLayoutOption;
  /** When nobody speaks: stay on the last speaker, or widen after `widenAfterSilenceSeconds`. */
  silence: SilenceOption;
  widenAfterSilenceSeconds: number;
  /** Extra source time planned on each side of the range so look-ahead works at its edges, seconds. */
  contextSeconds: number;
  /** With `follow`: while the followed person is not on screen, frame the active speaker or the whole frame. */
  followFallback: FollowFallbackOption;
}

export interface PlanCameraInput extends Partial<CameraOptions> {
  timeline: Timeline;
  /** Output size in output px. */
  output: { width: number; height: number };
  /** Output frames per second (need not match the analysis fps). */
  fps: number;
  /** Source seconds to plan; defaults to the whole analysed timeline. */
  range?: { startSeconds: number; endSeconds: number };
  /** Camera instructions from SRT tags. */
  directives?: CameraDirective[];
  /**
   * Follow one person: frame them whenever they are on screen (speaking or not), else `followFallback`. A person
   * id ("P2"), a source time ("01:23.5": whoever speaks then), or a resolved FollowTarget (face images: Node).
   */
  follow?: string | FollowTarget | null;
}

/** How the two-person layout was chosen for a pair segment: face heights each layout would give, output px. */
export interface TwoPersonLayoutChoice {
  segment: number;
  trackIds: [number, number];
  chosen: "split" | "wide";
  /** Smaller of the two face heights in output px with the stacked split. */
  splitFaceHeightOutputPx: number;
  /** Smaller of the two face heights in output px with one wide window holding both faces. */
  wideFaceHeightOutputPx: number;
}

export interface CameraPlan {
  output: { width: number; height: number };
  fps: number;
  source: { width: number; height: number };
  range: { startSeconds: number; endSeconds: number };
  /** One per output frame. */
  frames: CameraFrame[];
  events: CameraEvent[];
  segments: CameraSegment[];
  twoPersonLayouts: TwoPersonLayoutChoice[];
  options: CameraOptions;
  /** Tags that could not be applied, e.g. a forced track that is not visible. */
  warnings: string[];
}
