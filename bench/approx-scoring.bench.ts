// The "continuous" visual-edge approximation of six-duration LR-ASD scoring (scoreTrack visualEdges) against the
// exact reference procedure: speed on a one-minute track, and how far the scores move on real face tracks.
import { loadavg } from "node:os";
import { join } from "node:path";
import { computeMfcc } from "../src/analysis/audio/compute-mfcc";
import { createAsdScorer, type AsdScorer } from "../src/analysis/asd/create-asd-scorer";
import { roundAsdScores } from "../src/analysis/asd/round-asd-scores";
import { readAudio, streamFrames } from "../src/analysis/ffmpeg";
import { bgrToGrey } from "../src/analysis/tracking/crop-face";
import { readNpy } from "../test/helpers/npy";
import { media } from "../test/helpers/derived-media";
import { FIXTURES } from "../test/helpers/paths";

const FRAME_PX = 112 * 112;
const SPEED_FRAMES = 1500; // one minute at 25 fps
const RUNS = 3;

interface Track {
  name: string;
  crops: Uint8Array;
  mfcc: Float32Array;
  frames: number;
}

/** A demo-pipeline face track (224×224 crops): grey, centre 112×112, as evaluate_network reads it. */
async function pycropTrack(name: string, video: string, wav: string): Promise<Track> {
  const frames: Uint8Array[] = [];
  for await (const decoded of streamFrames({
    input: video,
    fps: 25,
    videoOutputs: [{ width: 224, height: 224, pixelFormat: "bgr24" }],
  })) {
    const grey = bgrToGrey(decoded.planes[0]!);
    const crop = new Uint8Array(FRAME_PX);
    for (let y = 0; y < 112; y++) crop.set(grey.subarray((y + 56) * 224 + 56, (y + 56) * 224 + 168), y * 112);
    frames.push(crop);
  }
  const samples = await readAudio({ input: wav, sampleRate: 16000 });
  const mfcc = computeMfcc({ samples, sampleRate: 16000 }).coefficients;
  const crops = new Uint8Array(frames.length * FRAME_PX);
  frames.forEach((frame, i) => crops.set(frame, i * FRAME_PX));
  return { name, crops, mfcc, frames: frames.length };
}

function loop<T extends Uint8Array | Float32Array>(source: T, length: number): T {
  const out = (source instanceof Uint8Array ? new Uint8Array(length) : new Float32Array(length)) as T;
  for (let offset = 0; offset < length; offset += source.length) {
    out.set(source.subarray(0, Math.min(source.length, length - offset)), offset);
  }
  return out;
}

async function timed(scorer: AsdScorer, track: Track): Promise<{ seconds: number; cpu: number }> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await scorer.score({ mfcc: track.mfcc, crops: track.crops, frameCount: track.frames });
  const c = process.cpuUsage(c0);
  return { seconds: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 };
}

export default async function approxScoringBench(): Promise<string> {
  const exact = await createAsdScorer({ model: "lrasd-talkset", device: "cpu" });
  const approx = await createAsdScorer({ model: "lrasd-talkset", device: "cpu", visualEdges: "continuous" });
  const fixtureCrops = readNpy(join(FIXTURES, "asd/pycrop_visual_250x112x112.npy")).data as Uint8Array;
  const fixtureMfcc = readNpy(join(FIXTURES, "asd/pycrop_mfcc_1000x13.npy")).data as Float32Array;
  const minute: Track = {
    name: "fixture looped to 60 s",
    crops: loop(fixtureCrops, SPEED_FRAMES * FRAME_PX),
    mfcc: loop(fixtureMfcc, SPEED_FRAMES * 4 * 13),
    frames: SPEED_FRAMES,
  };
  const lines = [
    "## Approximate scoring: visual chunk edges from the continuous pass (LR-ASD TalkSet, CPU)",
    "",
    `- load average at start: ${loadavg()[0]!.toFixed(2)}`,
    "",
  ];
  try {
    // Speed: alternate the two, best and median of RUNS after a warm-up each.
    await timed(exact, { ...minute, frames: 100 });
    await timed(approx, { ...minute, frames: 100 });
    type Run = { seconds: number; cpu: number };
    const runs: { exact: Run[]; approx: Run[] } = { exact: [], approx: [] };
    for (let i = 0; i < RUNS; i++) {
      runs.exact.push(await timed(exact, minute));
      runs.approx.push(await timed(approx, minute));
    }
    const describe = (r: Run[]) => {
      const sorted = [...r].sort((a, b) => a.seconds - b.seconds);
      return `${sorted[0]!.seconds.toFixed(2)} s best, ${sorted[Math.floor(sorted.length / 2)]!.seconds.toFixed(2)} s median (${(sorted.reduce((n, x) => n + x.cpu, 0) / sorted.length).toFixed(1)} CPU s mean)`;
    };
    lines.push(
      "| one minute of one track, six durations | exact (default) | continuous edges |",
      "| --- | --- | --- |",
      `| wall (alternating, ${RUNS} runs each) | ${describe(runs.exact)} | ${describe(runs.approx)} |`,
      "",
    );

    const tracks = [
      await pycropTrack(
        "tiwater_pycrop_00000 (30.9 s, talking)",
        media("tiwater_pycrop_00000.avi"),
        media("tiwater_pycrop_00000.wav"),
      ),
      await pycropTrack(
        "tiwater_pycrop_00001 (30.9 s, other face, same audio)",
        media("tiwater_pycrop_00001.avi"),
        media("tiwater_pycrop_00000.wav"),
      ),
    ];
    lines.push(
      "| track | frames | max abs diff (raw mean logit) | mean abs diff | rounded scores differing | speaking (> 0) decision differing |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const track of tracks) {
      const a = (await exact.score({ mfcc: track.mfcc, crops: track.crops, frameCount: track.frames }))
        .scores;
      const b = (await approx.score({ mfcc: track.mfcc, crops: track.crops, frameCount: track.frames }))
        .scores;
      let max = 0;
      let sum = 0;
      let decisions = 0;
      for (let i = 0; i < a.length; i++) {
        const d = Math.abs(a[i]! - b[i]!);
        max = Math.max(max, d);
        sum += d;
        if (a[i]! > 0 !== b[i]! > 0) decisions++;
      }
      const ra = roundAsdScores(a);
      const rb = roundAsdScores(b);
      const rounded = ra.filter((v, i) => v !== rb[i]).length;
      lines.push(
        `| ${track.name} | ${a.length} | ${max.toFixed(3)} | ${(sum / a.length).toFixed(4)} | ` +
          `${((100 * rounded) / a.length).toFixed(1)} % | ${decisions} (${((100 * decisions) / a.length).toFixed(2)} %) |`,
      );
    }
  } finally {
    await exact.release();
    await approx.release();
  }
  lines.push("", `- load average at end: ${loadavg()[0]!.toFixed(2)}`, "");
  return lines.join("\n");
}
