/**
 * The reference display smoothing (visualization() / evaluate_col_ASD()): s_t = mean(score[max(t-2, 0) :
 * min(t+3, n-1)]). The upper bound n-1 is exclusive, so the last score never enters any window and the window
 * for t = n-1 is [n-3, n-1). An empty window (n = 1) gives NaN, as numpy's mean of nothing does.
 */
export function smoothAsdScores(scores: ArrayLike<number>): Float64Array {
  const n = scores.length;
  const out = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    const from = Math.max(t - 2, 0);
    const to = Math.min(t + 3, n - 1);
    let sum = 0;
    for (let i = from; i < to; i++) sum += scores[i]!;
    out[t] = to > from ? sum / (to - from) : Number.NaN;
  }
  return out;
}
