// The speaker-track timeline: what analysis writes and compositions read. Pure data, columnar and compact.
// Units are stated in every name's doc: "source px" are display pixels of the source after rotation;
// "analysis frames" index the fixed-rate analysis grid (`analysis.fps`, 25 by default), frame i at i / fps seconds.
import { z } from "zod";

export const TIMELINE_SCHEMA_VERSION = 1;

const rational = z.object({ num: z.number().int().positive(), den: z.number().int().positive() });

export const timelineSourceSchema = z.object({
  /** Path as given to analyze (informational; matching uses sha256). */
  path: z.string(),
  /** sha256 of the source file's bytes, hex. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Display size in source px (rotation applied). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Rotation metadata in degrees clockwise, as found in the file. */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  /** Average frame rate of the source. */
  fps: rational,
  variableFrameRate: z.boolean(),
  durationSeconds: z.number().nonnegative(),
  hasAudio: z.boolean(),
});

export const timelineAnalysisSchema = z.object({
  /** Analysis frames per second (the models are trained at 25). */
  fps: z.number().positive(),
  /** Number of analysis frames; frame i covers [i/fps, (i+1)/fps) seconds of the source. */
  frameCount: z.number().int().nonnegative(),
  detector: z.object({
    model: z.string(),
    sha256: z.string(),
    /** Width in px of the frame the detector saw. */
    inputWidth: z.number().int().positive(),
    scoreThreshold: z.number(),
    /** Detection ran on every Nth analysis frame; boxes between are interpolated. */
    detectEvery: z.number().int().positive(),
  }),
  asd: z.object({
    /** Model id, e.g. "lrasd-talkset". */
    model: z.string(),
    sha256: z.string(),
    /** Durations in seconds whose chunk scores are averaged (reference evaluate_network: 1..6). */
    durations: z.array(z.number().positive()),
    /**
     * "exact": scored like the reference; "fast": the visual frames next to chunk edges come from one continuous
     * pass instead of being recomputed with the chunk's zero padding (analyze --scoring fast).
     */
    scoring: z.enum(["exact", "fast"]).default("exact"),
  }),
  /**
   * Source second at which analysis frame 0 starts (analyze --start); frame i is at startSeconds + i / fps
   * seconds of the source. Timelines written before this field existed read as 0.
   */
  startSeconds: z.number().nonnegative().default(0),
  /**
   * The audio-visual sync head used to choose between faces that all look like they are speaking (null: none,
   * e.g. TalkNet or analysis without audio). Older timelines read as null.
   */
  sync: z
    .object({
      /** ASD model id the head belongs to. */
      model: z.string(),
      /** Canonical components summed in each track's `sync` score. */
      components: z.number().int().positive(),
      /** Centred window, analysis frames, of each correlation. */
      windowFrames: z.number().int().positive(),
    })
    .nullable()
    .default(null),
  shotThreshold: z.number(),
  /** A track speaks at a frame when its smoothed score is at least this (logit units). */
  speakingThreshold: z.number(),
  /** Speaker changes shorter than this many analysis frames are ignored. */
  minSpeakerFrames: z.number().int().nonnegative(),
  /**
   * Each change from one speaker to another was moved back to the end of the nearest pause in the soundtrack
   * (where the new speaker starts), at most `maxShiftFrames` earlier. null: not moved (no audio, turned off, or a
   * timeline written before this field existed).
   */
  turnPauses: z
    .object({
      /** Farthest a change moved, analysis frames. */
      maxShiftFrames: z.number().int().nonnegative(),
      /** Shortest silence that counted as a pause, analysis frames. */
      minPauseFrames: z.number().int().positive(),
      /** Silence: a frame's level this many dB below the soundtrack's 95th percentile. */
      silenceBelowPeakDb: z.number().positive(),
    })
    .nullable()
    .default(null),
  /** Execution provider that ran the models (cpu, cuda, ...). */
  device: z.string(),
  /** Set when a stage could not run and a fallback was used (e.g. "no-audio"). */
  fallbacks: z.array(z.string()),
});

/** A rectangle in source px. */
export const timelineRectSchema = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number().positive(),
  height: z.number().positive(),
});

export const timelineShotSchema = z.object({
  /** First analysis frame of the shot. */
  startFrame: z.number().int().nonnegative(),
  /** One past the last analysis frame of the shot. */
  endFrame: z.number().int().positive(),
  /**
   * Parts of the frame that show picture during the shot, source px: the frame without letterbox/pillarbox bars,
   * or each tile of a grid (video calls, split screens) without the gaps between. One rectangle covering the
   * whole frame when there is no padding. Absent in timelines written before region detection (read as the whole
   * frame).
   */
  contentRegions: z.array(timelineRectSchema).optional(),
});

export const timelineTrackSchema = z.object({
  id: z.number().int().nonnegative(),
  /** Index into `shots`; a track never crosses a cut. */
  shot: z.number().int().nonnegative(),
  /** First analysis frame of the track; the track covers `frameCount` consecutive frames. */
  startFrame: z.number().int().nonnegative(),
  frameCount: z.number().int().positive(),
  /** Face boxes, flat [x, y, width, height] per frame, in source px. Length 4 * frameCount. */
  boxes: z.array(z.number()),
  /** Smoothed speaking score per frame (logit units; >= speakingThreshold means speaking); null = not scored. */
  scores: z.array(z.number().nullable()),
  /**
   * Audio-visual sync per frame: how well this face's lip movement matches the soundtrack over a centred window
   * (sum of `analysis.sync.components` correlations, -K..K; higher = in sync); null where not computed. Absent
   * without a sync head.
   */
  sync: z.array(z.number().nullable()).optional(),
  /** Optional five landmarks per frame, flat [x0,y0,...,x4,y4] in source px. Length 10 * frameCount. */
  landmarks: z.array(z.number()).optional(),
});

export const timelineSchema = z
  .object({
    schemaVersion: z.literal(TIMELINE_SCHEMA_VERSION),
    generator: z.object({ name: z.literal("speakerframe"), version: z.string() }),
    source: timelineSourceSchema,
    analysis: timelineAnalysisSchema,
    shots: z.array(timelineShotSchema),
    tracks: z.array(timelineTrackSchema),
    /** Per analysis frame: id of the active speaker's track, or -1 when nobody speaks. */
    activeSpeaker: z.array(z.number().int().min(-1)),
  })
  .superRefine((timeline, ctx) => {
    const frames = timeline.analysis.frameCount;
    if (timeline.activeSpeaker.length !== frames) {
      ctx.addIssue({
        code: "custom",
        path: ["activeSpeaker"],
        message: `has ${timeline.activeSpeaker.length} entries, expected analysis.frameCount = ${frames}`,
      });
    }
    timeline.tracks.forEach((track, index) => {
      if (track.boxes.length !== 4 * track.frameCount) {
        ctx.addIssue({
          code: "custom",
          path: ["tracks", index, "boxes"],
          message: `has ${track.boxes.length} numbers, expected 4 * frameCount = ${4 * track.frameCount}`,
        });
      }
      if (track.scores.length !== track.frameCount) {
        ctx.addIssue({
          code: "custom",
          path: ["tracks", index, "scores"],
          message: `has ${track.scores.length} entries, expected frameCount = ${track.frameCount}`,
        });
      }
      if (track.sync && track.sync.length !== track.frameCount) {
        ctx.addIssue({
          code: "custom",
          path: ["tracks", index, "sync"],
          message: `has ${track.sync.length} entries, expected frameCount = ${track.frameCount}`,
        });
      }
      if (track.shot >= timeline.shots.length) {
        ctx.addIssue({ code: "custom", path: ["tracks", index, "shot"], message: `no shot ${track.shot}` });
      }
    });
  });

export type Timeline = z.infer<typeof timelineSchema>;
export type TimelineTrack = z.infer<typeof timelineTrackSchema>;
export type TimelineShot = z.infer<typeof timelineShotSchema>;
export type TimelineRect = z.infer<typeof timelineRectSchema>;
export type TimelineSource = z.infer<typeof timelineSourceSchema>;
