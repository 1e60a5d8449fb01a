// The reference's smoothing of per-frame ASD scores: a centred moving mean. Pure.

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
