// Moves each change of speaker to the pause in the soundtrack where the new speaker starts. The audio-visual
// evidence that decides who speaks is a correlation over a window of seconds, so a decided turn change lands up
// to about a second away from the real one (late, mostly: the current speaker keeps the floor until clearly out-
// matched). Turns in conversation are usually separated by a short silence, and the soundtrack shows it to the
// frame; an editor cuts there too. Pure.

export interface SnapTurnsToPausesOptions {
  /** Active speaker's track id per analysis frame (-1: nobody), as selectActiveSpeakers returns it. */
  active: Int32Array;
  /** Soundtrack level per analysis frame in dB (any reference); NaN where unknown. */
  levelsDb: Float32Array;
  /** Whether track `id` is on screen at `frame`: a turn is only moved onto frames where its speaker is visible. */
  isVisible: (id: number, frame: number) => boolean;
  /** Farthest a turn change moves, in analysis frames (default 25: 1 s at 25 fps). */
  maxShiftFrames?: number;
  /** Shortest silence that counts as a pause between turns, in analysis frames (default 5: 0.2 s). */
  minPauseFrames?: number;
  /** A frame is silent when its level is this many dB below the soundtrack's 95th percentile (default 20). */
  silenceBelowPeakDb?: number;
  /** "earlier" (default): only move a change back in time, the direction the decision errs in; "both". */
  direction?: "earlier" | "both";
}

/** A copy of `active` with each direct change from one speaker to another moved to the end of the nearest pause. */
export function snapTurnsToPauses(options: SnapTurnsToPausesOptions): Int32Array {
  const { levelsDb, isVisible } = options;
  const maxShift = options.maxShiftFrames ?? 25;
  const minPause = options.minPauseFrames ?? 5;
  const direction = options.direction ?? "earlier";
  const active = Int32Array.from(options.active);
  const frameCount = active.length;
  const silent = silentFrames(levelsDb, options.silenceBelowPeakDb ?? 20);
  if (!silent) return active;

  // First voiced frame after each pause of at least minPause silent frames: where a new turn can start.
  const turnStarts: number[] = [];
  for (let f = 0; f < frameCount; ) {
    if (!silent[f]) {
      f++;
      continue;
    }
    let end = f;
    while (end < frameCount && silent[end]) end++;
    if (end - f >= minPause && end < frameCount) turnStarts.push(end);
    f = end;
  }
  if (turnStarts.length === 0) return active;

  for (let change = 1; change < frameCount; change++) {
    const before = active[change - 1]!;
    const after = active[change]!;
    if (before === after || before < 0 || after < 0) continue;
    // The runs on either side bound the move, so that neither speaker's turn disappears.
    let runStart = change - 1;
    while (runStart > 0 && active[runStart - 1] === before) runStart--;
    let runEnd = change;
    while (runEnd + 1 < frameCount && active[runEnd + 1] === after) runEnd++;
    const lo = Math.max(runStart + 1, change - maxShift);
    const hi = direction === "both" ? Math.min(runEnd, change + maxShift) : change;
    let target = change;
    let distance = Infinity;
    for (const start of turnStarts) {
      if (start >= lo && start <= hi && Math.abs(start - change) < distance) {
        target = start;
        distance = Math.abs(start - change);
      }
    }
    if (target === change) continue;
    const [from, to, id] = target < change ? [target, change, after] : [change, target, before];
    let visible = true;
    for (let f = from; f < to && visible; f++) visible = isVisible(id, f);
    if (!visible) continue;
    active.fill(id, from, to);
    change = Math.max(change, target);
  }
  return active;
}

/** Per frame, whether the soundtrack is silent there; null when too few frames have a level to judge. */
function silentFrames(levelsDb: Float32Array, belowPeakDb: number): Uint8Array | null {
  const known = Array.from(levelsDb).filter(Number.isFinite);
  if (known.length < 10) return null;
  known.sort((a, b) => a - b);
  const threshold = known[Math.floor(0.95 * (known.length - 1))]! - belowPeakDb;
  return Uint8Array.from(levelsDb, (level) => (Number.isFinite(level) && level < threshold ? 1 : 0));
}
