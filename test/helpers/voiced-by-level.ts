// Honest speech labels for a clean soundtrack: a 40 ms frame is voiced when its level is within 20 dB of the
// soundtrack's 95th-percentile frame; silences shorter than 0.3 s are bridged, voiced runs under 0.1 s dropped.
import { readAudio } from "../../src/analysis/ffmpeg/read-audio";
import { computeFrameLevels } from "../../src/analysis/audio/compute-frame-levels";
import { voicedFrames } from "../../src/decision/voiced-frames";

export async function voicedByLevel(input: string, frameCount: number, fps = 25): Promise<boolean[]> {
  const samples = await readAudio({ input, sampleRate: 16_000 });
  const levels = computeFrameLevels({ samples, samplesPerFrame: 16_000 / fps, frameCount });
  const decibels = Array.from(levels, (db) => (Number.isFinite(db) ? db : 0));
  const peak = [...decibels].sort((a, b) => a - b)[Math.floor(0.95 * (frameCount - 1))]!;
  const voiced = voicedFrames({
    voiceActivity: decibels.map((db) => (db > peak - 20 ? 1 : 0)),
    onset: 0.5,
    offset: 0.5,
    minPauseFrames: Math.round(0.3 * fps),
    minVoicedFrames: Math.round(0.1 * fps),
  });
  return Array.from(voiced, (v) => v === 1);
}
