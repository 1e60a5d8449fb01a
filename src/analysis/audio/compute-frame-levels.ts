// Soundtrack level per video frame, for finding pauses between turns. Pure.

export interface ComputeFrameLevelsOptions {
  /** Mono PCM samples. */
  samples: Int16Array;
  /** Samples per frame (e.g. 640 for 25 fps at 16 kHz). */
  samplesPerFrame: number;
  /** Frames wanted; frames past the end of the samples are NaN (default: as many as the samples fill). */
  frameCount?: number;
}

/** Mean power of each frame's samples in dB relative to one 16-bit step (digital silence: 0 dB). */
export function computeFrameLevels(options: ComputeFrameLevelsOptions): Float32Array {
  const { samples, samplesPerFrame } = options;
  const frameCount = options.frameCount ?? Math.floor(samples.length / samplesPerFrame);
  const levels = new Float32Array(frameCount).fill(Number.NaN);
  for (let frame = 0; frame < frameCount; frame++) {
    const start = frame * samplesPerFrame;
    const end = Math.min(samples.length, start + samplesPerFrame);
    if (end <= start) break;
    let power = 0;
    for (let i = start; i < end; i++) power += samples[i]! * samples[i]!;
    levels[frame] = 10 * Math.log10(power / (end - start) + 1);
  }
  return levels;
}
