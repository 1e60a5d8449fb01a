// Who speaks at each analysis frame, from the evidence an analysis stored. Per shot, a Viterbi decoder over
// {nobody, each face on screen}: pauses in the voice activity belong to nobody (their edges follow the soundtrack's
// level where it is stored); within speech each face's evidence per frame is its (clamped) ASD score plus how well
// its lips follow the voice it would be lending, pooled over every frame of that voice in the shot; "nobody on
// screen" has a fixed evidence; a change of speaker inside speech costs switchCost. A face's score loses what its
// lips give without its voice: its score in the shot's silences, or (a second pass) in the turns a first pass gave
// to other faces. A still picture is less likely than nobody, and a face whose evidence is against it over a
// whole run is never chosen. Pure and fast (milliseconds per minute of video), so it runs wherever a timeline is
// read.
import type { DecisionParams } from "./decision-params";
import { quietVoicedFrames, voicedFrames } from "./voiced-frames";
import { assignVoices } from "./assign-voices";
import { stillFrames } from "./still-frames";

export interface DecisionTrack {
  id: number;
  /** First analysis frame of the track; it covers frameCount consecutive frames. */
  startFrame: number;
  frameCount: number;
  /** Face boxes, flat [x, y, width, height] per frame, source px (the no-audio fallback frames the largest). */
  boxes: readonly number[];
  /** Smoothed ASD score per frame (logit units); null where not scored. */
  scores: readonly (number | null)[];
  /** Lip-sync correlation over a centred 3 s window per frame (−K..K); absent without a sync head. */
  sync?: readonly (number | null)[];
  /** Sync components per frame, `syncComponents` numbers each (absent without a sync head). */
  syncVisual?: readonly number[];
  syncAudio?: readonly number[];
}

export interface DecisionEvidence {
  frameCount: number;
  /** Analysis frames per second. */
  fps: number;
  shots: readonly { startFrame: number; endFrame: number }[];
  tracks: readonly DecisionTrack[];
  /** Speech probability per analysis frame; null: no usable audio. */
  voiceActivity: readonly number[] | null;
  voiceFeatures: { dims: number; values: readonly number[] } | null;
  /** Soundtrack level per analysis frame (dB); null or absent in older timelines. */
  audioLevels?: readonly number[] | null;
  /** Components per frame in syncVisual / syncAudio. */
  syncComponents: number;
}

/** Active speaker's track id per analysis frame, -1 when nobody on screen speaks. */
export function decideSpeakers(evidence: DecisionEvidence, params: DecisionParams): Int32Array {
  const { frameCount, fps } = evidence;
  const hasScores = evidence.tracks.some((t) => t.scores.some((s) => s !== null));
  if (!evidence.voiceActivity || !hasScores) return largestFacePerFrame(evidence);
  const voicing = {
    voiceActivity: evidence.voiceActivity,
    onset: params.voiceOnset,
    offset: params.voiceOffset,
    minPauseFrames: Math.round(params.minPauseSeconds * fps),
    minVoicedFrames: Math.round(params.minVoicedSeconds * fps),
    leadFrames: Math.round(params.voiceOnsetLeadSeconds * fps),
  };
  // Who speaks is decoded over the model's voiced frames (and any a louder onset adds); where speech starts and
  // ends follows the soundtrack's levels when they are stored.
  const heard = voicedFrames(voicing);
  const edges =
    evidence.audioLevels && params.voiceEdgeDropDb > 0
      ? voicedFrames({ ...voicing, levels: evidence.audioLevels, edgeDropDb: params.voiceEdgeDropDb })
      : null;
  const voiced = edges ? heard.map((v, f) => v | edges[f]!) : heard;
  const voices = assignVoices({ evidence, params });
  const active = new Int32Array(frameCount).fill(-1);
  for (const shot of evidence.shots) {
    const s0 = shot.startFrame;
    const s1 = Math.min(shot.endFrame, frameCount);
    if (s1 <= s0) continue;
    const tracks = evidence.tracks.filter((t) => t.startFrame < s1 && t.startFrame + t.frameCount > s0);
    const input = { evidence, params, tracks, voiced, voices, s0, s1 };
    const shotWide = shotWideEvidence(input);
    let states = decideShot(input, shotWide, shotWide.silence);
    if (params.listeningBaseline > 0 && tracks.length > 1) {
      // Both baselines measure one thing, a mouth that moves without its voice: the larger counts, not their sum.
      const listening = listeningExcess(input, states);
      const baselines = shotWide.silence.map((b, i) => Math.max(b, params.listeningBaseline * listening[i]!));
      if (baselines.some((b, i) => b !== shotWide.silence[i]))
        states = decideShot(input, shotWide, baselines);
    }
    for (let f = s0; f < s1; f++) active[f] = states[f - s0]! === 0 ? -1 : tracks[states[f - s0]! - 1]!.id;
  }
  if (edges) {
    for (let f = 0; f < frameCount; f++) if (!edges[f]) active[f] = -1;
    releaseQuietChanges(active, quietVoicedFrames(edges, evidence.audioLevels!, params.voiceEdgeDropDb));
  }
  return active;
}

/** Where the speaker changes inside speech, the quiet frames between the two voices are nobody's. */
function releaseQuietChanges(active: Int32Array, quiet: Uint8Array): void {
  for (let f = 1; f < active.length; f++) {
    if (active[f] === active[f - 1] || active[f] === -1 || active[f - 1] === -1) continue;
    if (!quiet[f - 1] && !quiet[f]) continue;
    for (let g = f - 1, id = active[f - 1]; g >= 0 && quiet[g] && active[g] === id; g--) active[g] = -1;
    for (let g = f, id = active[f]; g < active.length && quiet[g] && active[g] === id; g++) active[g] = -1;
  }
}

/** One pass of the shot's decoder, with each face's baseline (the part of its ASD score that is not evidence). */
function decideShot(input: ShotEmissionsInput, shotWide: ShotWideEvidence, baselines: number[]): Int32Array {
  const { params, voiced, s0, s1 } = input;
  const emissions = shotEmissions(input, shotWide, baselines);
  const states = viterbi({ emissions, voiced, s0, s1, switchCost: params.switchCost });
  dropRunsAgainstEvidence({ states, emissions, voiced, s0, nobody: params.offscreenEvidence });
  return states;
}

interface ShotEmissionsInput {
  evidence: DecisionEvidence;
  params: DecisionParams;
  tracks: readonly DecisionTrack[];
  voiced: Uint8Array;
  /** Voice id per analysis frame (-1 unvoiced). */
  voices: Int32Array;
  s0: number;
  s1: number;
}

/** What each face's evidence draws on over the whole shot, the same in both passes. */
interface ShotWideEvidence {
  /** Per track, pooled lip-sync per voice (pooledSync). */
  pooled: Map<number, number>[];
  /** Per track, 1 where it is a still picture (stillFrames), by track frame; null without sync components. */
  still: (Uint8Array | null)[];
  /** Per track, its silence baseline beyond the shot's lowest (silenceExcess). */
  silence: number[];
}

function shotWideEvidence(input: ShotEmissionsInput): ShotWideEvidence {
  const { params, tracks } = input;
  const silent = farFromSpeech(input);
  return {
    pooled: tracks.map((track) => pooledSync({ ...input, track })),
    still: tracks.map((track) =>
      track.syncVisual
        ? stillFrames({
            visual: track.syncVisual,
            components: input.evidence.syncComponents,
            frameCount: track.frameCount,
            threshold: params.stillMotion,
          })
        : null,
    ),
    silence: silenceExcess(tracks.map((track) => silenceBaseline({ ...input, track, silent }))),
  };
}

/** Evidence per (frame, state) of one shot, row-major: state 0 is nobody, state i the shot's track i - 1. */
function shotEmissions(
  input: ShotEmissionsInput,
  shotWide: ShotWideEvidence,
  baselines: number[],
): Float64Array {
  const { params, tracks, voiced, voices, s0, s1 } = input;
  const { pooled, still } = shotWide;
  const states = tracks.length + 1;
  // A still picture is less likely the voice than nobody on screen, by enough per frame to lose the floor within a
  // pause's length: lips that do not move for that long are as good as a pause.
  const stillEvidence =
    params.offscreenEvidence -
    params.switchCost / Math.max(1, Math.round(params.minPauseSeconds * input.evidence.fps));
  const emissions = new Float64Array((s1 - s0) * states);
  for (let f = s0; f < s1; f++) {
    const row = (f - s0) * states;
    emissions[row] = voiced[f] ? params.offscreenEvidence : 0;
    tracks.forEach((track, i) => {
      const at = f - track.startFrame;
      const score = at >= 0 && at < track.frameCount ? track.scores[at] : undefined;
      if (!voiced[f] || score === undefined) {
        emissions[row + i + 1] = Number.NEGATIVE_INFINITY;
        return;
      }
      const asd = score === null ? 0 : clampScore(score, params.asdClamp) - baselines[i]!;
      const windowed = track.sync?.[at] ?? 0;
      const total =
        params.asdWeight * asd +
        params.syncWeight * (pooled[i]!.get(voices[f]!) ?? 0) +
        params.windowSyncWeight * windowed;
      emissions[row + i + 1] = still[i]?.[at] ? Math.min(total, stillEvidence) : total;
    });
  }
  return emissions;
}

const clampScore = (score: number, clamp: number) => Math.max(-clamp, Math.min(clamp, score));

/** Fewest frames of a track in a shot that tell a baseline (silent frames, or frames it listens). */
const MIN_BASELINE_FRAMES = 10;

/**
 * How much of each face's ASD score its lips alone explain, beside the others on screen: its silence baseline less
 * the lowest of the shot's faces. Relative, so that a face alone in its shot keeps its score against "nobody": a
 * speaker's own score spreads into the pauses of its speech, which is no sign of a mouth moving without a voice.
 */
function silenceExcess(baselines: number[]): number[] {
  const lowest = Math.min(...baselines);
  return baselines.map((b) => b - lowest);
}

/** Frames of the shot (from s0) unvoiced and more than silenceGuardSeconds from any voiced frame. */
function farFromSpeech({ voiced, params, evidence, s0, s1 }: ShotEmissionsInput): Uint8Array {
  const guard = Math.round(params.silenceGuardSeconds * evidence.fps);
  const far = new Uint8Array(s1 - s0).fill(1);
  for (let f = s0; f < s1; f++) {
    if (!voiced[f]) continue;
    far.fill(0, Math.max(0, f - guard - s0), Math.min(s1 - s0, f + guard + 1 - s0));
  }
  return far;
}

/**
 * silenceBaseline × the median (clamped) ASD score of a face over the shot's frames where nobody is heard, when
 * above 0. A mouth that moves without its voice (chewing, mouthing, a muted talker) scores "speaking" in silence
 * too; that much of its score during speech is not evidence.
 */
function silenceBaseline(input: ShotEmissionsInput & { track: DecisionTrack; silent: Uint8Array }): number {
  const { params, silent } = input;
  if (params.silenceBaseline === 0) return 0;
  const median = medianClampedScore(input, input.track, (at) => silent[at] === 1);
  return median === null ? 0 : params.silenceBaseline * Math.max(0, median);
}

/**
 * Per face, its median clamped score over the frames a first pass gave to another face, when some face of the shot
 * listens still (median ≤ 0): then a face that keeps "speaking" through the others' turns is a mouth without a voice.
 */
function listeningExcess(input: ShotEmissionsInput, decided: Int32Array): number[] {
  const medians = input.tracks.map((track, i) =>
    medianClampedScore(input, track, (at) => decided[at] !== 0 && decided[at] !== i + 1),
  );
  const known = medians.filter((m) => m !== null);
  if (!known.length || Math.min(...known) > 0) return medians.map(() => 0);
  return medians.map((m) => Math.max(0, m ?? 0));
}

/**
 * Median clamped ASD score of a track over the shot's frames that `include` picks (by frame from the shot's start),
 * or null with fewer than MIN_BASELINE_FRAMES of them.
 */
function medianClampedScore(
  { params, s0, s1 }: ShotEmissionsInput,
  track: DecisionTrack,
  include: (at: number) => boolean,
): number | null {
  const scores: number[] = [];
  for (let f = Math.max(s0, track.startFrame); f < Math.min(s1, track.startFrame + track.frameCount); f++) {
    const score = track.scores[f - track.startFrame];
    if (include(f - s0) && score !== null && score !== undefined)
      scores.push(clampScore(score, params.asdClamp));
  }
  if (scores.length < MIN_BASELINE_FRAMES) return null;
  scores.sort((a, b) => a - b);
  return scores[scores.length >> 1]!;
}

/**
 * Per voice heard in the shot, the z-score of the correlation between this face's visual sync components and the
 * soundtrack's, over every frame of that voice where the face is on screen. Lip motion below motionFloor is not
 * motion: the visual variance is floored there, so a still face scores near 0 however its noise correlates.
 */
function pooledSync(input: ShotEmissionsInput & { track: DecisionTrack }): Map<number, number> {
  const { track, evidence, params, voices, s0, s1 } = input;
  const k = evidence.syncComponents;
  const out = new Map<number, number>();
  if (!track.syncVisual || !track.syncAudio) return out;
  const sums = new Map<number, Float64Array>(); // per voice, per component: n, sx, sy, sxx, syy, sxy
  const from = Math.max(s0, track.startFrame);
  const to = Math.min(s1, track.startFrame + track.frameCount);
  for (let f = from; f < to; f++) {
    const voice = voices[f]!;
    if (voice < 0) continue;
    const acc = sums.get(voice) ?? new Float64Array(6 * k);
    sums.set(voice, acc);
    const at = f - track.startFrame;
    for (let j = 0; j < k; j++) {
      const x = track.syncVisual[at * k + j]!;
      const y = track.syncAudio[at * k + j]!;
      const base = 6 * j;
      acc[base] = acc[base]! + 1;
      acc[base + 1] = acc[base + 1]! + x;
      acc[base + 2] = acc[base + 2]! + y;
      acc[base + 3] = acc[base + 3]! + x * x;
      acc[base + 4] = acc[base + 4]! + y * y;
      acc[base + 5] = acc[base + 5]! + x * y;
    }
  }
  for (const [voice, acc] of sums) {
    let z = 0;
    for (let j = 0; j < k; j++) {
      const [n, sx, sy, sxx, syy, sxy] = acc.subarray(6 * j, 6 * j + 6) as unknown as number[];
      if (n! < 2) continue;
      const vx = sxx! - (sx! * sx!) / n!;
      const vy = syy! - (sy! * sy!) / n!;
      const cxy = sxy! - (sx! * sy!) / n!;
      if (vy <= 1e-12) continue;
      const r = cxy / Math.sqrt((vx + n! * params.motionFloor) * vy);
      z += r * Math.sqrt(n! / params.syncCorrelationFrames);
    }
    out.set(voice, z);
  }
  return out;
}

interface ViterbiInput {
  emissions: Float64Array;
  voiced: Uint8Array;
  s0: number;
  s1: number;
  switchCost: number;
}

/** Best state per frame of the shot. Changes at the edge of a pause are free (the pause decides them). */
function viterbi({ emissions, voiced, s0, s1, switchCost }: ViterbiInput): Int32Array {
  const length = s1 - s0;
  const states = emissions.length / length;
  const back = new Int32Array(length * states);
  let score = Float64Array.from(emissions.subarray(0, states));
  for (let f = 1; f < length; f++) {
    const atPauseEdge = !voiced[s0 + f] || !voiced[s0 + f - 1];
    const cost = atPauseEdge ? 0 : switchCost;
    let best = 0;
    for (let s = 1; s < states; s++) if (score[s]! > score[best]!) best = s;
    const next = new Float64Array(states);
    for (let s = 0; s < states; s++) {
      const stay = score[s]!;
      const moved = score[best]! - cost;
      const from = stay >= moved ? s : best;
      back[f * states + s] = from;
      next[s] = Math.max(stay, moved) + emissions[f * states + s]!;
    }
    score = next;
  }
  const path = new Int32Array(length);
  let state = 0;
  for (let s = 1; s < states; s++) if (score[s]! > score[state]!) state = s;
  for (let f = length - 1; f >= 0; f--) {
    path[f] = state;
    state = back[f * states + state]!;
  }
  return path;
}

/** A run of one face inside speech whose mean evidence is below nobody's goes to nobody. */
function dropRunsAgainstEvidence(input: {
  states: Int32Array;
  emissions: Float64Array;
  voiced: Uint8Array;
  s0: number;
  nobody: number;
}): void {
  const { states, emissions, voiced, s0, nobody } = input;
  const width = emissions.length / states.length;
  for (let i = 0; i < states.length; ) {
    let j = i;
    while (j < states.length && states[j] === states[i] && voiced[s0 + j]) j++;
    if (j === i) {
      i++;
      continue;
    }
    const state = states[i]!;
    if (state !== 0) {
      let sum = 0;
      for (let f = i; f < j; f++) sum += emissions[f * width + state]!;
      if (sum / (j - i) < nobody) states.fill(0, i, j);
    }
    i = j;
  }
}

/** Without audio nobody can be heard: the largest face on screen stands in as the speaker. */
function largestFacePerFrame(evidence: DecisionEvidence): Int32Array {
  const active = new Int32Array(evidence.frameCount).fill(-1);
  const best = new Float64Array(evidence.frameCount);
  for (const track of evidence.tracks) {
    for (let i = 0; i < track.frameCount; i++) {
      const frame = track.startFrame + i;
      const area = track.boxes[4 * i + 2]! * track.boxes[4 * i + 3]!;
      if (frame < evidence.frameCount && area > best[frame]!) {
        best[frame] = area;
        active[frame] = track.id;
      }
    }
  }
  return active;
}
