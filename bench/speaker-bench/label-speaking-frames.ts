// Which analysis frames each face speaks on, from the soundtrack actually written: a face speaks where its own
// clip's audio is the one playing AND that audio is voiced. Voicing is energy-based, per 40 ms frame. Pure.
import type { FrameInterval } from "../../src/analysis/evaluation/speaker-case-labels";

/** Frames below the clip's 95th-percentile frame level minus this are silence. */
export const VOICED_BELOW_P95_DB = 20;
/** …and never voiced below this absolute level (dB over one 16-bit step; ≈ −54 dBFS). */
export const VOICED_FLOOR_DB = 36;
/** Voiced runs shorter than 0.1 s (1–2 frames) are clicks, dropped first. */
export const MIN_VOICED_FRAMES = 3;
/** Then silent gaps shorter than 0.3 s (≤ 7 frames) inside the same face's audio are bridged. */
export const MAX_BRIDGED_GAP_FRAMES = 7;

export const VOICING_RULE =
  `A face speaks on analysis frame i (40 ms) when its own clip's audio is the soundtrack there and the frame's ` +
  `mean power (dB over one 16-bit step, 48 kHz mono) is >= max(clip's 95th-percentile frame level - ` +
  `${VOICED_BELOW_P95_DB} dB, ${VOICED_FLOOR_DB} dB); voiced runs < 0.1 s are dropped, then silent gaps < 0.3 s ` +
  `while the same clip's audio plays are bridged.`;

/** The voicing threshold of a clip from its own frame levels (dB). */
export function voicingThreshold(levels: ArrayLike<number>): number {
  const sorted = Array.from(levels)
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
  const p95 = sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))]! : 0;
  return Math.max(p95 - VOICED_BELOW_P95_DB, VOICED_FLOOR_DB);
}

export interface LabelSpeakingFramesOptions {
  /** Face whose audio plays at each analysis frame, null for silence. */
  audioFace: readonly (string | null)[];
  /** Level of the written soundtrack at each analysis frame (dB). */
  levels: ArrayLike<number>;
  /** Voicing threshold of each face's clip (dB). */
  thresholds: Record<string, number>;
}

function runs(flags: readonly boolean[]): FrameInterval[] {
  const out: FrameInterval[] = [];
  for (let f = 0; f < flags.length; f++) {
    if (!flags[f]) continue;
    const last = out[out.length - 1];
    if (last && last[1] === f) last[1] = f + 1;
    else out.push([f, f + 1]);
  }
  return out;
}

export function labelSpeakingFrames(options: LabelSpeakingFramesOptions): Record<string, FrameInterval[]> {
  const { audioFace, levels, thresholds } = options;
  const result: Record<string, FrameInterval[]> = {};
  for (const face of Object.keys(thresholds)) {
    const voiced = audioFace.map((f, i) => f === face && levels[i]! >= thresholds[face]!);
    const kept = runs(voiced).filter(([s, e]) => e - s >= MIN_VOICED_FRAMES);
    const bridged: FrameInterval[] = [];
    for (const run of kept) {
      const last = bridged[bridged.length - 1];
      const gapIsOwnAudio = last && audioFace.slice(last[1], run[0]).every((f) => f === face);
      if (last && run[0] - last[1] <= MAX_BRIDGED_GAP_FRAMES && gapIsOwnAudio) last[1] = run[1];
      else bridged.push([run[0], run[1]]);
    }
    result[face] = bridged;
  }
  return result;
}
