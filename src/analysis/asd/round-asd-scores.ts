/**
 * numpy.round(scores, 1) on float32, as evaluate_network does: rint(x·10)/10 in float32 with round-half-to-even.
 * Small negatives give -0, as in numpy.
 */
export function roundAsdScores(scores: Float32Array): Float32Array {
  const out = new Float32Array(scores.length);
  for (let i = 0; i < scores.length; i++) {
    const scaled = Math.fround(scores[i]! * 10);
    let rounded = Math.round(scaled);
    // Math.round sends .5 up; numpy's rint sends it to the even neighbour.
    if (rounded - scaled === 0.5 && rounded % 2 !== 0) rounded -= 1;
    if (rounded === 0 && (scaled < 0 || Object.is(scaled, -0))) rounded = -0;
    out[i] = Math.fround(rounded / 10);
  }
  return out;
}
