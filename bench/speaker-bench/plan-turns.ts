// Turn sequences for generated cases, from a fixed seeded PRNG (mulberry32 seeded by the case id), so a spec is
// the same on every machine. Durations are whole analysis frames (0.04 s).

export interface Turn {
  /** Face whose audio plays, or null for a pause (silence). */
  face: string | null;
  seconds: number;
}

export interface PlanTurnsOptions {
  seed: string;
  speakers: string[];
  /** Total length of the turns and pauses, seconds. */
  totalSeconds: number;
  turnSeconds: [number, number];
  /** Chance of a pause after a turn, and its length range (0.3–1 s). */
  pause?: { probability: number; seconds: [number, number] };
  /** rotate: speakers in order; random: any other speaker next. */
  order?: "rotate" | "random";
}

/** mulberry32: small, fast, and the same everywhere. */
export function seededRandom(seed: string): () => number {
  let state = 0;
  for (const char of seed) state = (Math.imul(state, 31) + char.charCodeAt(0)) | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const frames = (seconds: number) => Math.round(seconds * 25) / 25;

export function planTurns(options: PlanTurnsOptions): Turn[] {
  const random = seededRandom(options.seed);
  const between = ([lo, hi]: [number, number]) => frames(lo + (hi - lo) * random());
  const turns: Turn[] = [];
  let total = 0;
  let speaker = 0;
  while (total < options.totalSeconds - 0.5) {
    const seconds = Math.min(between(options.turnSeconds), frames(options.totalSeconds - total));
    turns.push({ face: options.speakers[speaker]!, seconds });
    total = frames(total + seconds);
    const pause = options.pause;
    if (pause && random() < pause.probability && total < options.totalSeconds - 1) {
      const seconds = between(pause.seconds);
      turns.push({ face: null, seconds });
      total = frames(total + seconds);
    }
    const n = options.speakers.length;
    speaker =
      options.order === "random" && n > 2
        ? (speaker + 1 + Math.floor(random() * (n - 1))) % n
        : (speaker + 1) % n;
  }
  return turns;
}
