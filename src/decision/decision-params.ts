// The settings of the decision of who speaks, each with its one default. Browser-safe (compositions decide too).
// Set by hand before the benchmark existed; fitting them on its fit cases did not carry over to the held-out cases
// (BENCHMARKS.md "Who speaks"), so these stay.
import { z } from "zod";

export const decisionParamsSchema = z.object({
  /** A frame becomes voiced where the voice-activity probability reaches this (0..1). */
  voiceOnset: z.number().min(0).max(1).default(0.5),
  /** …and stays voiced until it falls below this (0..1, at most voiceOnset). */
  voiceOffset: z.number().min(0).max(1).default(0.35),
  /** Silences shorter than this belong to the speech around them; from this long nobody speaks (seconds). */
  minPauseSeconds: z.number().nonnegative().default(0.3),
  /** Each voiced stretch starts this much earlier: the model hears an onset a few frames late (seconds). */
  voiceOnsetLeadSeconds: z.number().nonnegative().default(0.08),
  /**
   * With the soundtrack's levels stored (`evidence.audioLevels`): frames of a voiced stretch this far below the
   * stretch's own speech level (its 90th-percentile frame level) are nobody's at its ends, in runs at least
   * minPauseSeconds long inside it, and where one face's speech hands over to another's; the onset lead reaches only
   * over frames above that (dB). Who speaks is still decoded over the model's voiced frames; this moves only where
   * speech starts and ends (the model's probability decays for a few frames after a voice stops). 0 uses the
   * voice-activity probabilities alone.
   */
  voiceEdgeDropDb: z.number().nonnegative().default(25),
  /** Voiced stretches shorter than this are noise, not speech (seconds). */
  minVoicedSeconds: z.number().nonnegative().default(0.1),
  /** Speech is cut into single-voice pieces at dips of the voice activity at least this long (seconds). */
  voiceSplitPauseSeconds: z.number().positive().default(0.08),
  /**
   * Within a shot, pieces of speech whose voice features point alike (cosine distance of their MFCC 1..12, each
   * standardised over the soundtrack's speech, 0..2) are linked into one voice while the shot has more voices than
   * faces and the two closest are nearer than this, pooling their lip-sync evidence; 0 links nothing.
   */
  voiceLinkDistance: z.number().min(0).max(2).default(1),
  /**
   * Speech with no pause in it is cut where the second before and the second after point apart by more than this
   * (same units as voiceLinkDistance): a turn handed over without a breath; 0 cuts only at pauses.
   */
  voiceChangeDistance: z.number().min(0).max(2).default(0.9),
  /** ASD scores are clamped to ±this before they count (logit units): one confident frame is not a turn. */
  asdClamp: z.number().positive().default(3),
  /**
   * Share of a face's ASD score in silence (its median over the shot's unvoiced frames, when above 0, beyond the
   * lowest such median of the shot's faces) taken off its score during speech: lips that move without a voice are
   * not evidence of speaking. 0 turns it off.
   */
  silenceBaseline: z.number().min(0).max(1).default(1),
  /** Unvoiced frames this close to speech are left out of the silence baseline: scores spread into them (s). */
  silenceGuardSeconds: z.number().nonnegative().default(0.2),
  /**
   * Share of a face's median ASD score over the frames a first pass gave to another face (when some face of the
   * shot listens still) that a second pass takes off its score in speech, unless its silence baseline takes more:
   * lips that keep moving through the others' turns are not evidence of speaking. 0 turns it off.
   */
  listeningBaseline: z.number().min(0).max(1).default(0.5),
  /** Weight of a face's ASD score (per frame, logit units) in its evidence. */
  asdWeight: z.number().nonnegative().default(1),
  /**
   * Weight of a face's lip-sync with one voice, pooled over every frame of that voice in the shot (z-score of the
   * correlation between the face's and the soundtrack's sync components).
   */
  syncWeight: z.number().nonnegative().default(0.5),
  /**
   * Weight of the lip-sync correlation over a centred 3 s window at each frame (tracks' `sync`): steadier than a
   * short piece's, though it reaches into the neighbouring turns.
   */
  windowSyncWeight: z.number().nonnegative().default(0),
  /**
   * Lip motion below this variance of the visual sync component counts as none: a still face's correlation with
   * the soundtrack is noise, so it is shrunk towards 0 (sync-component units²).
   */
  motionFloor: z.number().nonnegative().default(0.05),
  /**
   * A face whose lips (the sync head's visual components) change by less than this per frame, the median over
   * ±6 frames, is a still picture there: whatever its lagging ASD score says, its evidence in speech is capped below
   * nobody's (offscreenEvidence), by switchCost spread over minPauseSeconds, so that it loses the floor within a
   * pause's length. No speaking frame of the benchmark falls below 0.026 (sync-component units of the LR-ASD head);
   * 0 turns it off.
   */
  stillMotion: z.number().nonnegative().default(0.02),
  /** Frames over which sync components stay correlated; the z-score counts pooled frames / this. */
  syncCorrelationFrames: z.number().positive().default(8),
  /** Evidence per frame for "the voice belongs to nobody on screen" (same units as a face's evidence). */
  offscreenEvidence: z.number().default(0),
  /** Evidence a change of speaker (or to nobody, within speech) must overcome (summed over frames). */
  switchCost: z.number().nonnegative().default(6),
});

export type DecisionParams = z.infer<typeof decisionParamsSchema>;

/** The defaults of every decision setting. */
export const DEFAULT_DECISION_PARAMS: Readonly<DecisionParams> = Object.freeze(
  decisionParamsSchema.parse({}),
);

/** Defaults overridden by the given settings, validated (one-line errors name the setting). */
export function resolveDecisionParams(overrides: Partial<DecisionParams> = {}): DecisionParams {
  return decisionParamsSchema.parse({ ...DEFAULT_DECISION_PARAMS, ...overrides });
}
