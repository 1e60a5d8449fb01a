// One axis of the camera path inside a segment: smooth the target (zero phase), hold still while it stays in a
// deadzone, and when it leaves, schedule an eased move that finishes as the target reaches the deadzone edge.
// Offline planning lets each move start before the face moves (look-ahead), so the path never lags, and each move's
// duration is chosen from the speed and acceleration limits (smoothstep: peak speed 1.5 d/T, peak accel 6 d/T^2).
import { gaussianSmooth } from "./gaussian-smooth";

export interface FollowTargetInput {
  /** Desired camera centre per frame along one axis, source px. */
  target: ArrayLike<number>;
  /** Frames per second of `target`. */
  fps: number;
  /** Half-width of the deadzone, source px. */
  deadzone: number;
  /** Gaussian sigma applied to the target first, seconds. */
  smoothingSeconds: number;
  /** Source px per second. */
  maxSpeed: number;
  /** Source px per second squared. */
  maxAcceleration: number;
  /** Shortest move, seconds. */
  minMoveSeconds: number;
}

interface Move {
  startFrame: number;
  frames: number;
  distance: number;
}

const smoothstep = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

export function followTarget(input: FollowTargetInput): Float64Array {
  const { fps, deadzone } = input;
  const n = input.target.length;
  const path = new Float64Array(n);
  if (n === 0) return path;
  const smoothed = gaussianSmooth(input.target, input.smoothingSeconds * fps);

  // Rest position: the median of the first second, so one noisy first frame does not set the framing.
  const head = Array.from(smoothed.subarray(0, Math.min(n, Math.max(1, Math.round(fps))))).sort(
    (a, b) => a - b,
  );
  let rest = head[head.length >> 1]!;
  if (Math.abs(smoothed[0]! - rest) > deadzone) rest = smoothed[0]!;
  const start = rest;

  const moves: Move[] = [];
  for (let i = 0; i < n; i++) {
    const offset = smoothed[i]! - rest;
    if (Math.abs(offset) <= deadzone) continue;
    // Re-centre halfway into the deadzone: fewer, calmer moves than edge-tracking, less travel than full re-centring.
    const next = smoothed[i]! - Math.sign(offset) * deadzone * 0.5;
    const distance = next - rest;
    const seconds = Math.max(
      input.minMoveSeconds,
      (1.5 * Math.abs(distance)) / input.maxSpeed,
      Math.sqrt((6 * Math.abs(distance)) / input.maxAcceleration),
    );
    const frames = Math.max(1, seconds * fps);
    // Finish a quarter of the move after the trigger: the camera starts before the face reaches the edge.
    moves.push({ startFrame: i - 0.75 * frames, frames, distance });
    rest = next;
  }

  // Each move adds its eased ramp while it runs and its full distance afterwards (a step summed by prefix).
  const steps = new Float64Array(n + 1);
  path.fill(start);
  for (const move of moves) {
    const first = Math.max(0, Math.floor(move.startFrame));
    const end = Math.min(n, Math.ceil(move.startFrame + move.frames));
    for (let i = first; i < end; i++)
      path[i]! += move.distance * smoothstep((i - move.startFrame) / move.frames);
    steps[Math.max(0, end)]! += move.distance;
  }
  let carried = 0;
  for (let i = 0; i < n; i++) {
    carried += steps[i]!;
    path[i]! += carried;
  }
  return path;
}
