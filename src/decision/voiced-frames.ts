// Which analysis frames carry speech, from the voice-activity probabilities: hysteresis between an onset and an
// offset probability, pauses shorter than minPause bridged, voiced stretches shorter than minVoiced dropped. With
// the soundtrack's levels, each stretch follows its loudness: the model's probability decays for a few frames after
// a voice stops, so frames far quieter than the stretch's own speech are cut from its ends, quiet runs inside it at
// least a pause long are pauses, and the onset lead only reaches over frames that are loud enough. Pure.

export interface VoicedFramesInput {
  voiceActivity: readonly number[];
  onset: number;
  offset: number;
  /** Analysis frames. */
  minPauseFrames: number;
  minVoicedFrames: number;
  /** Frames added before each voiced stretch (default 0). */
  leadFrames?: number;
  /** Soundtrack level per analysis frame (dB); with edgeDropDb > 0, the edges of each stretch follow it. */
  levels?: readonly number[] | null;
  /**
   * Frames this far below their stretch's speech level (90th percentile, dB) are not voiced at the stretch's ends
   * nor in runs of at least minPauseFrames inside it.
   */
  edgeDropDb?: number;
}

export function voicedFrames(input: VoicedFramesInput): Uint8Array {
  const { voiceActivity, onset } = input;
  const offset = Math.min(input.offset, onset);
  const voiced = new Uint8Array(voiceActivity.length);
  let on = false;
  for (let f = 0; f < voiceActivity.length; f++) {
    const p = voiceActivity[f]!;
    on = on ? p >= offset : p >= onset;
    voiced[f] = on ? 1 : 0;
  }
  fillShortRuns(voiced, 0, input.minPauseFrames, true);
  fillShortRuns(voiced, 1, input.minVoicedFrames, false);
  const lead = input.leadFrames ?? 0;
  const levels = input.levels;
  if (levels && (input.edgeDropDb ?? 0) > 0) {
    for (const run of voicedRuns(voiced)) {
      const stretch = { run, levels, floor: speechFloor(levels, run, input.edgeDropDb!) };
      fitEdgesToLevels(voiced, stretch, lead);
      clearQuietPauses(voiced, stretch, input.minPauseFrames);
    }
    return voiced;
  }
  for (let f = 1; f < voiced.length && lead > 0; f++) {
    if (voiced[f] && !voiced[f - 1]) voiced.fill(1, Math.max(0, f - lead), f);
  }
  return voiced;
}

/** Voiced frames quieter than their stretch's speech level − drop (1), the rest 0: the breaths inside speech. */
export function quietVoicedFrames(voiced: Uint8Array, levels: readonly number[], drop: number): Uint8Array {
  const quiet = new Uint8Array(voiced.length);
  for (const run of voicedRuns(voiced)) {
    const floor = speechFloor(levels, run, drop);
    for (let f = run.start; f < run.end; f++) if (levels[f]! < floor) quiet[f] = 1;
  }
  return quiet;
}

/** Level under which a frame of this stretch is too quiet to be its speech: its 90th-percentile level − drop. */
function speechFloor(levels: readonly number[], run: { start: number; end: number }, drop: number): number {
  const values = levels
    .slice(run.start, run.end)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (values.length === 0) return -Infinity;
  return values[Math.min(values.length - 1, Math.floor(0.9 * values.length))]! - drop;
}

/** A voiced stretch with its soundtrack levels and the level under which a frame is too quiet to be its speech. */
interface LevelledStretch {
  run: { start: number; end: number };
  levels: readonly number[];
  floor: number;
}

/** Inside a stretch, quiet runs at least a pause long are a pause: the model's probability bridged them. */
function clearQuietPauses(
  voiced: Uint8Array,
  { run, levels, floor }: LevelledStretch,
  minPauseFrames: number,
) {
  for (let f = run.start; f < run.end; ) {
    if (!(levels[f]! < floor) || !voiced[f]) {
      f++;
      continue;
    }
    let g = f;
    while (g < run.end && levels[g]! < floor && voiced[g]) g++;
    if (g - f >= minPauseFrames) voiced.fill(0, f, g);
    f = g;
  }
}

/** Trims a stretch's quiet ends, then extends its start by up to `lead` frames as loud as its speech. */
function fitEdgesToLevels(voiced: Uint8Array, { run, levels, floor }: LevelledStretch, lead: number): void {
  const loud = (f: number) => !(levels[f]! < floor);
  let { start, end } = run;
  while (start < end && !loud(start)) voiced[start++] = 0;
  while (end > start && !loud(end - 1)) voiced[--end] = 0;
  for (let f = start - 1, added = 0; f >= 0 && added < lead && !voiced[f] && loud(f); f--, added++)
    voiced[f] = 1;
}

/** Runs of `value` shorter than `minFrames` take the other value (inner runs only when `innerOnly`). */
function fillShortRuns(values: Uint8Array, value: 0 | 1, minFrames: number, innerOnly: boolean): void {
  for (let i = 0; i < values.length; ) {
    let j = i;
    while (j < values.length && values[j] === values[i]) j++;
    const inner = i > 0 && j < values.length;
    if (values[i] === value && j - i < minFrames && (inner || !innerOnly)) values.fill(1 - value, i, j);
    i = j;
  }
}

/** Maximal runs of voiced frames, [start, end). */
export function voicedRuns(
  voiced: Uint8Array,
  from = 0,
  to = voiced.length,
): { start: number; end: number }[] {
  const runs: { start: number; end: number }[] = [];
  for (let f = from; f < to; ) {
    if (!voiced[f]) {
      f++;
      continue;
    }
    let g = f;
    while (g < to && voiced[g]) g++;
    runs.push({ start: f, end: g });
    f = g;
  }
  return runs;
}
