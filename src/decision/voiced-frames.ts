// Which analysis frames carry speech, from the voice-activity probabilities: hysteresis between an onset and an
// offset probability, pauses shorter than minPause bridged, voiced stretches shorter than minVoiced dropped. Pure.

export interface VoicedFramesInput {
  voiceActivity: readonly number[];
  onset: number;
  offset: number;
  /** Analysis frames. */
  minPauseFrames: number;
  minVoicedFrames: number;
  /** Frames added before each voiced stretch (default 0). */
  leadFrames?: number;
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
  for (let f = 1; f < voiced.length && lead > 0; f++) {
    if (voiced[f] && !voiced[f - 1]) voiced.fill(1, Math.max(0, f - lead), f);
  }
  return voiced;
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
