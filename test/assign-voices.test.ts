// Voices from the soundtrack's features: turns handed over without a pause are cut where the voice changes, and the
// pieces of one voice in a shot are linked, on synthetic features (two voices, a shared channel, noise per frame).
import { describe, expect, it } from "vitest";
import { assignVoices } from "../src/decision/assign-voices";
import type { DecisionEvidence } from "../src/decision/decide-speakers";
import { DEFAULT_DECISION_PARAMS, resolveDecisionParams } from "../src/decision/decision-params";
import { seededRandom } from "./helpers/seeded-random";

const FPS = 25;
const DIMS = 12;

const random = seededRandom;

/** Alternating turns of two voices with no pause between them; frame-level voice truth. */
function conversation(seed: number, shots: number[] = []) {
  const rng = random(seed);
  const voiceMeans = [0, 1].map(() => Array.from({ length: DIMS }, () => rng.normal()));
  const channel = Array.from({ length: DIMS }, () => 5 * rng.normal());
  const truth: number[] = [];
  for (let turn = 0; turn < 10; turn++) {
    const frames = Math.round((0.8 + 1.2 * rng.uniform()) * FPS);
    for (let i = 0; i < frames; i++) truth.push(turn % 2);
  }
  const values = truth.flatMap((voice) =>
    voiceMeans[voice]!.map((m, d) => channel[d]! + 0.6 * m + 1.5 * rng.normal()),
  );
  const frameCount = truth.length;
  const cuts = [0, ...shots, frameCount];
  const evidence: DecisionEvidence = {
    frameCount,
    fps: FPS,
    shots: cuts.slice(0, -1).map((startFrame, i) => ({ startFrame, endFrame: cuts[i + 1]! })),
    tracks: [0, 1].map((id) => ({ id, startFrame: 0, frameCount, boxes: [], scores: [] })),
    voiceActivity: truth.map(() => 0.95),
    voiceFeatures: { dims: DIMS, values },
    syncComponents: 1,
  };
  return { evidence, truth };
}

/** Share of frames whose voice id's most common true voice is theirs. */
function purity(voices: Int32Array, truth: number[]): number {
  const counts = new Map<number, number[]>();
  voices.forEach((id, f) => {
    const c = counts.get(id) ?? [0, 0];
    c[truth[f]!]!++;
    counts.set(id, c);
  });
  let pure = 0;
  for (const c of counts.values()) pure += Math.max(...c);
  return pure / truth.length;
}

/** Frames covered by the two largest voice ids. */
function coverOfTwoLargest(voices: Int32Array): number {
  const sizes = new Map<number, number>();
  for (const id of voices) sizes.set(id, (sizes.get(id) ?? 0) + 1);
  const [a = 0, b = 0] = [...sizes.values()].sort((x, y) => y - x);
  return (a + b) / voices.length;
}

describe("assignVoices", () => {
  it("cuts turns handed over without a pause and links each voice's turns", () => {
    for (const seed of [1, 2, 3, 4]) {
      const { evidence, truth } = conversation(seed);
      const voices = assignVoices({ evidence, params: DEFAULT_DECISION_PARAMS });
      expect(purity(voices, truth)).toBeGreaterThan(0.9);
      expect(coverOfTwoLargest(voices)).toBeGreaterThan(0.9);
      // Without the voice features there is one piece: the speech never pauses.
      const plain = assignVoices({
        evidence,
        params: resolveDecisionParams({ voiceChangeDistance: 0, voiceLinkDistance: 0 }),
      });
      expect(new Set(plain).size).toBe(1);
      expect(purity(plain, truth)).toBeLessThan(0.65);
    }
  });

  it("keeps a shot's voices apart from another shot's", () => {
    const { evidence } = conversation(5, [120]);
    const voices = assignVoices({ evidence, params: DEFAULT_DECISION_PARAMS });
    const before = new Set(voices.slice(0, 120));
    const after = new Set(voices.slice(120));
    expect([...before].some((id) => after.has(id))).toBe(false);
  });
});
