// Who speaks at each analysis frame, from per-track smoothed scores: the highest score above the threshold,
// with hysteresis (the current speaker keeps the floor unless clearly out-scored) and a minimum segment length
// so brief blips never flip the speaker. When several faces score as speaking at once (lips moving while one
// voice plays), the ASD score cannot tell them apart; the audio-visual sync score, where present, decides. Pure.

export interface SpeakerTrackScores {
  id: number;
  /** First analysis frame covered by `scores`. */
  startFrame: number;
  /** Smoothed speaking score per frame (logit units); null where not scored. */
  scores: readonly (number | null)[];
  /** Audio-visual sync per frame (same indexing as `scores`); null where not computed. */
  sync?: readonly (number | null)[];
}

export interface SelectActiveSpeakersOptions {
  frameCount: number;
  tracks: readonly SpeakerTrackScores[];
  /** Speaking when the score is at least this (logit units); the reference thresholds at 0. */
  threshold?: number;
  /** The current speaker is replaced only by a track scoring this much higher (logit units). */
  switchMargin?: number;
  /** Speaker segments (including silences) shorter than this many frames are absorbed by a neighbour. */
  minSegmentFrames?: number;
  /** Among several speaking-scored faces, the current speaker is replaced only by one this much more in sync. */
  syncSwitchMargin?: number;
}

export function selectActiveSpeakers(options: SelectActiveSpeakersOptions): Int32Array {
  const threshold = options.threshold ?? 0;
  const margin = options.switchMargin ?? 0.5;
  const minSegment = options.minSegmentFrames ?? 8;
  const syncMargin = options.syncSwitchMargin ?? 0.2;
  const { frameCount, tracks } = options;
  const scoreAt = (track: SpeakerTrackScores, frame: number): number | null => {
    const i = frame - track.startFrame;
    return i >= 0 && i < track.scores.length ? (track.scores[i] ?? null) : null;
  };
  const syncAt = (track: SpeakerTrackScores, frame: number): number | null => {
    const i = frame - track.startFrame;
    return track.sync && i >= 0 && i < track.sync.length ? (track.sync[i] ?? null) : null;
  };

  const active = new Int32Array(frameCount).fill(-1);
  let current = -1;
  for (let frame = 0; frame < frameCount; frame++) {
    let best = -1;
    let bestScore = -Infinity;
    let currentScore: number | null = null;
    for (const track of tracks) {
      const score = scoreAt(track, frame);
      if (score === null) continue;
      if (track.id === current) currentScore = score;
      if (score >= threshold && score > bestScore) {
        best = track.id;
        bestScore = score;
      }
    }
    const speaking = tracks.filter((track) => (scoreAt(track, frame) ?? -Infinity) >= threshold);
    const syncs = speaking.map((track) => syncAt(track, frame));
    if (speaking.length >= 2 && syncs.every((v) => v !== null)) {
      // Several faces look like they speak: the one whose lips match the soundtrack best has the floor.
      let bestSync = -Infinity;
      let currentSync: number | null = null;
      speaking.forEach((track, i) => {
        if (track.id === current) currentSync = syncs[i]!;
        if (syncs[i]! > bestSync) {
          bestSync = syncs[i]!;
          best = track.id;
        }
      });
      if (currentSync !== null && best !== current && bestSync < currentSync + syncMargin) best = current;
    } else if (current !== -1 && currentScore !== null && currentScore >= threshold) {
      // Hysteresis: keep the floor unless somebody is clearly louder on the model's scale.
      if (best !== current && bestScore < currentScore + margin) best = current;
    }
    current = best;
    active[frame] = best;
  }
  return absorbShortSegments(active, minSegment, (id, frame) => {
    if (id === -1) return true;
    const track = tracks.find((t) => t.id === id);
    return track !== undefined && scoreAt(track, frame) !== null;
  });
}

/** Replaces runs shorter than `minFrames` by the previous run's value (or the next one's at the start). */
function absorbShortSegments(
  values: Int32Array,
  minFrames: number,
  canCover: (id: number, frame: number) => boolean,
): Int32Array {
  if (minFrames <= 1) return values;
  const runs: { value: number; start: number; end: number }[] = [];
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    runs.push({ value: values[i]!, start: i, end: j });
    i = j;
  }
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r]!;
    if (run.end - run.start >= minFrames) continue;
    const candidates = [runs[r - 1]?.value, runs[r + 1]?.value].filter((v): v is number => v !== undefined);
    for (const value of candidates) {
      let ok = true;
      for (let f = run.start; f < run.end && ok; f++) ok = canCover(value, f);
      if (ok) {
        run.value = value;
        break;
      }
    }
    for (let f = run.start; f < run.end; f++) values[f] = run.value;
  }
  return values;
}

/** Centred moving mean over `window` frames (truncated at the ends; nulls skipped). */
export function smoothScores(scores: readonly (number | null)[], window = 5): (number | null)[] {
  const half = window >> 1;
  return scores.map((value, i) => {
    if (value === null) return null;
    let sum = 0;
    let count = 0;
    for (let j = Math.max(0, i - half); j <= Math.min(scores.length - 1, i + half); j++) {
      const v = scores[j];
      if (v !== null && v !== undefined) {
        sum += v;
        count++;
      }
    }
    return sum / count;
  });
}
