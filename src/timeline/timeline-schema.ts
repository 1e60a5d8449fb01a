// The speaker-track timeline: what analysis writes and compositions read. Pure data, columnar and compact.
// Units are stated in every name's doc: "source px" are display pixels of the source after rotation;
// "analysis frames" index the fixed-rate analysis grid (`analysis.fps`, 25 by default), frame i at i / fps seconds.
import { z } from "zod";
import { decisionParamsSchema } from "../decision/decision-params";

/** 2: evidence (voice activity, voice features, raw ASD scores, sync components) and the decision's settings. */
export const TIMELINE_SCHEMA_VERSION = 2;

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
    /** Frames of the centred moving mean that turns each track's `rawScores` into its `scores`. */
    smoothingFrames: z.number().int().positive().default(5),
  }),
  /** The voice-activity model behind `evidence.voiceActivity` (null: no usable audio). */
  vad: z.object({ model: z.string(), sha256: z.string() }).nullable().default(null),
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
  /**
   * The settings of the decision (decideSpeakers) that produced `activeSpeaker` from `evidence`; null when
   * `activeSpeaker` came from elsewhere (labels, a hand-made timeline). Changing them needs no new analysis.
   */
  decision: decisionParamsSchema.nullable().default(null),
  /**
   * The face-embedding model behind tracks' `embedding`; absent or null: none (timelines written before people
   * were linked, or made from labels).
   */
  faceEmbedding: z
    .object({
      /** Model id, "faceapi-recognition" (face-api.js's 128-d face descriptor). */
      model: z.string(),
      /** sha256 of the weights file. */
      sha256: z.string(),
      /** Numbers per track embedding (128). */
      dims: z.number().int().positive(),
    })
    .nullable()
    .optional(),
  /** Execution provider that ran the models (cpu, cuda, ...). */
  device: z.string(),
  /** Set when a stage could not run and a fallback was used (e.g. "no-audio"). */
  fallbacks: z.array(z.string()),
});

/** What the analysis measured, per analysis frame, for the decision of who speaks (decideSpeakers). */
export const timelineEvidenceSchema = z.object({
  /** Probability that the soundtrack carries speech at each analysis frame (0..1, `analysis.vad`); null: no audio. */
  voiceActivity: z.array(z.number().min(0).max(1)).nullable(),
  /**
   * Voice features per analysis frame for telling voices apart: `dims` numbers per frame (the mean of MFCC
   * coefficients 1..dims over the frame's four 10 ms rows), flat; null: no audio.
   */
  voiceFeatures: z.object({ dims: z.number().int().positive(), values: z.array(z.number()) }).nullable(),
  /**
   * Mean power of the soundtrack at each analysis frame (dB over one 16-bit step, 16 kHz mono; digital silence 0),
   * where voiced stretches start and end; null: no audio. Absent in timelines written before it.
   */
  audioLevels: z.array(z.number()).nullable().optional(),
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
  /** The ASD model's own score per frame before smoothing (logit units); absent in hand-made timelines. */
  rawScores: z.array(z.number().nullable()).optional(),
  /**
   * Audio-visual sync per frame: how well this face's lip movement matches the soundtrack over a centred window
   * (sum of `analysis.sync.components` correlations, -K..K; higher = in sync); null where not computed. Absent
   * without a sync head.
   */
  sync: z.array(z.number().nullable()).optional(),
  /**
   * The sync head's canonical components per frame, `analysis.sync.components` numbers per frame, flat: this
   * face's lips (`syncVisual`) and the soundtrack as the model heard it beside this face (`syncAudio`). The decision
   * correlates them over whole turns of one voice. Absent without a sync head.
   */
  syncVisual: z.array(z.number()).optional(),
  syncAudio: z.array(z.number()).optional(),
  /** Optional five landmarks per frame, flat [x0,y0,...,x4,y4] in source px. Length 10 * frameCount. */
  landmarks: z.array(z.number()).optional(),
  /**
   * What the face looks like: the mean of the unit-length face descriptors (`analysis.faceEmbedding`) of a few of
   * the track's sharpest, largest aligned faces, normalised again and rounded to 3 decimals
   * (`analysis.faceEmbedding.dims` numbers). Absent when no face of the track could be embedded, and in older
   * timelines. `people` is decided from it (linkPeople).
   */
  embedding: z.array(z.number()).optional(),
});

/** One track's membership of a person. */
export const timelinePersonLinkSchema = z.object({
  /** Track id. */
  track: z.number().int().nonnegative(),
  /**
   * How sure the link is, 0..1, from the distance margin (linkPeople): 1 for a person's only track; for a linked
   * track, how much closer it is to its own person than the distance threshold and than any other person.
   */
  confidence: z.number().min(0).max(1),
});

/** A person: the tracks that show the same face across shots (spelled P<id> in tags and --follow). */
export const timelinePersonSchema = z.object({
  /** 1-based; people are numbered in order of first appearance. */
  id: z.number().int().positive(),
  tracks: z.array(timelinePersonLinkSchema).min(1),
});

export const timelineSchema = z
  .object({
    schemaVersion: z.literal(TIMELINE_SCHEMA_VERSION),
    generator: z.object({ name: z.literal("speakerframe"), version: z.string() }),
    source: timelineSourceSchema,
    analysis: timelineAnalysisSchema,
    shots: z.array(timelineShotSchema),
    tracks: z.array(timelineTrackSchema),
    /** Null in timelines not made by analysis (e.g. from labels): their `activeSpeaker` is taken as it is. */
    evidence: timelineEvidenceSchema.nullable().default(null),
    /** Per analysis frame: id of the active speaker's track, or -1 when nobody speaks. */
    activeSpeaker: z.array(z.number().int().min(-1)),
    /**
     * People: every track in exactly one person; tracks whose link is unsure (or that have no embedding) are
     * people of their own. Decided from the tracks' `embedding` (linkPeople) when the timeline is decided; absent
     * in timelines without embeddings.
     */
    people: z.array(timelinePersonSchema).optional(),
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
    const evidence = timeline.evidence;
    if (evidence?.voiceActivity && evidence.voiceActivity.length !== frames) {
      ctx.addIssue({
        code: "custom",
        path: ["evidence", "voiceActivity"],
        message: `has ${evidence.voiceActivity.length} entries, expected analysis.frameCount = ${frames}`,
      });
    }
    if (evidence?.audioLevels && evidence.audioLevels.length !== frames) {
      ctx.addIssue({
        code: "custom",
        path: ["evidence", "audioLevels"],
        message: `has ${evidence.audioLevels.length} entries, expected analysis.frameCount = ${frames}`,
      });
    }
    if (
      evidence?.voiceFeatures &&
      evidence.voiceFeatures.values.length !== evidence.voiceFeatures.dims * frames
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["evidence", "voiceFeatures", "values"],
        message: `has ${evidence.voiceFeatures.values.length} numbers, expected dims * analysis.frameCount = ${evidence.voiceFeatures.dims * frames}`,
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
      const k = timeline.analysis.sync?.components ?? 1;
      for (const key of ["syncVisual", "syncAudio"] as const) {
        const values = track[key];
        if (values && values.length !== k * track.frameCount) {
          ctx.addIssue({
            code: "custom",
            path: ["tracks", index, key],
            message: `has ${values.length} numbers, expected analysis.sync.components * frameCount = ${k * track.frameCount}`,
          });
        }
      }
      if (track.rawScores && track.rawScores.length !== track.frameCount) {
        ctx.addIssue({
          code: "custom",
          path: ["tracks", index, "rawScores"],
          message: `has ${track.rawScores.length} entries, expected frameCount = ${track.frameCount}`,
        });
      }
      const dims = timeline.analysis.faceEmbedding?.dims;
      if (track.embedding && track.embedding.length !== dims) {
        ctx.addIssue({
          code: "custom",
          path: ["tracks", index, "embedding"],
          message: `has ${track.embedding.length} numbers, expected analysis.faceEmbedding.dims = ${dims ?? "(no faceEmbedding)"}`,
        });
      }
      if (track.shot >= timeline.shots.length) {
        ctx.addIssue({ code: "custom", path: ["tracks", index, "shot"], message: `no shot ${track.shot}` });
      }
    });
    const trackIds = new Set(timeline.tracks.map((t) => t.id));
    const linked = new Set<number>();
    timeline.people?.forEach((person, p) => {
      person.tracks.forEach((link, l) => {
        const problem = !trackIds.has(link.track)
          ? `names track ${link.track}, which is not in tracks`
          : linked.has(link.track)
            ? `names track ${link.track}, already in another person`
            : null;
        if (problem)
          ctx.addIssue({ code: "custom", path: ["people", p, "tracks", l, "track"], message: problem });
        linked.add(link.track);
      });
    });
  });

export type Timeline = z.infer<typeof timelineSchema>;
export type TimelinePerson = z.infer<typeof timelinePersonSchema>;
export type TimelineEvidence = z.infer<typeof timelineEvidenceSchema>;
export type TimelineTrack = z.infer<typeof timelineTrackSchema>;
export type TimelineShot = z.infer<typeof timelineShotSchema>;
export type TimelineRect = z.infer<typeof timelineRectSchema>;
export type TimelineSource = z.infer<typeof timelineSourceSchema>;
