// Video in, speaker-track timeline out. One decode of the source feeds shot detection, face detection and face
// crops at once; audio is decoded first (cheap) for MFCC. Face tracks are scored in 60-second windows as they
// grow, so memory stays bounded on long inputs: 60 s is a multiple of every scoring duration (1..6 s), so a
// window boundary is also a chunk boundary of the reference procedure and windowed scores equal whole-track ones.
import { MediaError, probeMedia, readAudio, streamFrames, type MediaInfo } from "./ffmpeg";
import { computeMfcc, MFCC_COEFFICIENT_COUNT } from "./audio/compute-mfcc";
import { createShotDetector } from "./shots/create-shot-detector";
import { createContentRegionDetector } from "./regions/create-content-region-detector";
import type { RegionRect } from "./regions/detect-content-regions";
import { createFaceDetector } from "./yunet/create-face-detector";
import {
  createFaceTracker,
  interpolatedBox,
  trackSpan,
  type FaceTrack,
} from "./tracking/create-face-tracker";
import { cropCentreAt, lastFinalCropFrame } from "./tracking/crop-geometry";
import { CROP_SIZE, cropFace } from "./tracking/crop-face";
import { smoothScores } from "./speakers/smooth-scores";
import { VAD_MODEL_FILE } from "./models/ensure-models";
import { computeVoiceActivity } from "./vad/compute-voice-activity";
import { computeFrameLevels } from "./audio/compute-frame-levels";
import { computeVoiceFeatures, VOICE_FEATURE_DIMS } from "./audio/compute-voice-features";
import { decideTimeline } from "../decision/decide-timeline";
import type { DecisionParams } from "../decision/decision-params";
import { asdModelSha256, createAsdScorer, type AsdModelId } from "./asd/create-asd-scorer";
import { syncHeadFor, type SyncHead } from "./sync/sync-head";
import { projectSyncFeatures } from "./sync/project-sync-features";
import { computeSyncScores } from "./sync/compute-sync-scores";
import { verifiedModelPath } from "./models/model-cache";
import { manifestEntry } from "./models/model-manifest";
import type { DeviceRequest } from "./onnx-runtime/create-session";
import { sha256File } from "../io/sha256-file";
import {
  createFaceEmbedder,
  normalizeEmbedding,
  type FaceEmbedder,
} from "./face-embedding/create-face-embedder";
import { chipSharpness, cutFaceChip, faceChipGeometry } from "./face-embedding/align-face";
import { FACE_EMBEDDING_INPUT_PX } from "./face-embedding/build-face-embedding-graph";
import {
  FACE_EMBEDDING_MODEL_ID,
  faceEmbeddingSha256,
  loadFaceEmbeddingModel,
} from "./face-embedding/load-face-embedding-model";
import { CancelledError, UsageError } from "../errors";
import { isTalknetModelId } from "./asd/talknet";
import { TIMELINE_SCHEMA_VERSION, type Timeline } from "../timeline/timeline-schema";
import { parseTimeline } from "../timeline/parse-timeline";
import packageJson from "../../package.json";

export const ANALYSIS_FPS = 25;
const AUDIO_SAMPLE_RATE = 16000;
const MFCC_PER_FRAME = 4;
/** Frames per scoring window: 60 s, the least common multiple of the 1..6 s scoring durations. */
const WINDOW_FRAMES = 60 * ANALYSIS_FPS;
/** Video frames at the end of the audio that MFCC framing leaves unscored (they take the last score). */
const MFCC_TAIL_FRAMES = 1;
const SHOT_FRAME_WIDTH = 256;
const MIN_SHOT_FRAMES = 15;
/** Frames of the centred mean that smooths the ASD model's scores (the reference's 5-frame average). */
const SCORE_SMOOTHING_FRAMES = 5;
const MIN_FRAME_PX = 32;
/** Aligned faces kept (and embedded) per track: the best by size, detection score, frontality and sharpness. */
const FACE_CHIPS_PER_TRACK = 4;
/** Kept faces are at least this many analysis frames apart (different moments, not one moment four times). */
const FACE_CHIP_SPACING_FRAMES = 8;
/** Below this quality (0..1) a face is not embedded at all (tiny, turned away or blurred). */
const MIN_FACE_CHIP_QUALITY = 0.05;
/** Below this RMS (int16 units, about -60 dBFS) the soundtrack counts as silent. */
const SILENT_RMS = 32;

export interface AnalyzeVideoOptions {
  input: string;
  /** ASD model id (default lrasd-talkset). */
  model?: AsdModelId;
  device?: DeviceRequest;
  /**
   * Run face detection on every Nth analysis frame and interpolate between (default 3: boxes within IoU 0.98 of
   * every-frame detection; bench/notes/detect.md).
   */
  detectEvery?: number;
  /**
   * Width in px of the frame the face detector sees (default 480, never above the source: as close to
   * full-resolution detection as 640 px at half the cost; bench/notes/detect.md).
   */
  detectWidth?: number;
  /** Cap on the height in px of the grey frame face crops are cut from (default 720). */
  cropFrameMaxHeight?: number;
  shotThreshold?: number;
  /** Tracks shorter than this many analysis frames are dropped (default 10). */
  minTrackFrames?: number;
  modelCacheDir?: string;
  /** Analyse [startSeconds, startSeconds + durationSeconds) of the source only. */
  startSeconds?: number;
  durationSeconds?: number;
  threads?: number;
  onProgress?: (progress: AnalyzeProgress) => void;
  signal?: AbortSignal;
  /**
   * Use the model's audio-visual sync head (when it has one) to tell apart faces whose lips all move while one
   * voice plays (default true).
   */
  sync?: boolean;
  /**
   * Settings of the decision of who speaks (decideSpeakers; defaults in DEFAULT_DECISION_PARAMS). They only
   * change `activeSpeaker`, never the evidence, so a cached analysis serves every setting.
   */
  decision?: Partial<DecisionParams>;
  /**
   * "exact" (default) reproduces the reference scores; "fast" takes the visual frames next to chunk edges from
   * one continuous pass (≈ 28 % less scoring CPU; scores move by up to ≈ 1 logit and the active speaker on 0–3 %
   * of frames on the clips measured: bench/notes/approx-scoring.md). Built-in models only.
   */
  scoring?: "exact" | "fast";
  /**
   * Analyse a file that decodes to less than its container's duration (cut off, e.g. an interrupted download of a
   * faststart MP4) instead of failing; `onWarning` is told once.
   */
  allowTruncated?: boolean;
  /** Receives warnings meant for the user (one line each). */
  onWarning?: (message: string) => void;
  /**
   * Embed each track's face (face-api.js face descriptor) so that `people` links a person's tracks across shots
   * (default true).
   */
  faceEmbeddings?: boolean;
  /** @internal Receives each scored window's embeddings (scripts/fit-sync-head.ts fits sync heads on them). */
  onTrackEmbeddings?: (window: TrackEmbeddings) => void;
}

/** @internal */
export interface TrackEmbeddings {
  trackId: number;
  /** First analysis frame of the window. */
  startFrame: number;
  /** frames × 128 each. */
  visual: Float32Array;
  audio: Float32Array;
}

export interface AnalyzeProgress {
  stage: "probe" | "audio" | "frames" | "finish";
  /** Analysis frames done and expected. */
  frame: number;
  totalFrames: number;
  /** Seconds since the start. */
  elapsedSeconds: number;
  /** Time spent per stage so far, seconds. */
  stageSeconds: Record<string, number>;
}

interface TrackState {
  track: FaceTrack;
  /** Next frame (absolute) whose crop is still to be cut. */
  nextCropFrame: number;
  /** First frame of the current scoring window. */
  windowStart: number;
  crops: Uint8Array[];
  rawScores: number[];
  /** Sync-head components per scored window, frames × K each (empty without a head). */
  syncVisual: Float32Array[];
  syncAudio: Float32Array[];
  /** Best aligned face chips so far (at most FACE_CHIPS_PER_TRACK). */
  faceChips: { frame: number; quality: number; chip: Uint8Array }[];
  /** Unit-length mean face embedding, once the track is closed (null: no usable face). */
  embedding: Float32Array | null;
}

export async function analyzeVideo(options: AnalyzeVideoOptions): Promise<Timeline> {
  const started = performance.now();
  const stageSeconds: Record<string, number> = {};
  const timeStage = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await work();
    } finally {
      stageSeconds[name] = (stageSeconds[name] ?? 0) + (performance.now() - t0) / 1000;
    }
  };
  const checkAbort = () => {
    if (options.signal?.aborted) throw new CancelledError("analysis interrupted");
  };
  const modelId: AsdModelId = options.model ?? "lrasd-talkset";
  const detectEvery = options.detectEvery ?? 3;
  const minTrackFrames = options.minTrackFrames ?? 10;
  const shotThreshold = options.shotThreshold ?? 27;
  const syncHead: SyncHead | null = options.sync === false ? null : syncHeadFor(modelId);
  const scoring = options.scoring ?? "exact";
  if (scoring === "fast" && isTalknetModelId(modelId))
    throw new UsageError(`--scoring fast is for LR-ASD and Light-ASD; TalkNet (${modelId}) scores exactly`);

  const info = await timeStage("probe", () => probeMedia(options.input, { signal: options.signal }));
  if (info.width < MIN_FRAME_PX || info.height < MIN_FRAME_PX) {
    throw new MediaError(
      `${options.input} is ${info.width}x${info.height} px; speakerframe needs at least ${MIN_FRAME_PX}x${MIN_FRAME_PX} to find faces`,
    );
  }
  const start = options.startSeconds ?? 0;
  const available = Math.max(0, info.durationSeconds - start);
  const duration = Math.min(available, options.durationSeconds ?? available);
  const expectedFrames = Math.max(1, Math.round(duration * ANALYSIS_FPS));
  const progress = (stage: AnalyzeProgress["stage"], frame: number) =>
    options.onProgress?.({
      stage,
      frame,
      totalFrames: expectedFrames,
      elapsedSeconds: (performance.now() - started) / 1000,
      stageSeconds: { ...stageSeconds },
    });
  progress("probe", 0);

  const [sourceSha256, detectorPath, modelSha256, vadPath] = await Promise.all([
    sha256File(options.input),
    verifiedModelPath("yunet_n_dynamic.onnx", options.modelCacheDir),
    asdModelSha256(modelId, options.modelCacheDir),
    info.hasAudio ? verifiedModelPath(VAD_MODEL_FILE, options.modelCacheDir) : null,
  ]);

  // Audio first: a separate, cheap audio-only decode. MFCC rows are 10 ms apart, 4 per analysis frame.
  const fallbacks: string[] = [];
  let mfcc: Float32Array | null = null;
  let mfccFrames = 0;
  let voiceActivity: Float32Array | null = null;
  let voiceFeatures: Float32Array | null = null;
  let audioLevels: Float32Array | null = null;
  if (info.hasAudio && vadPath) {
    await timeStage("audio", async () => {
      const pcm = await readAudio({
        input: options.input,
        sampleRate: AUDIO_SAMPLE_RATE,
        startSeconds: start,
        durationSeconds: duration,
        signal: options.signal,
      });
      if (rms(pcm) < SILENT_RMS) {
        fallbacks.push("silent-audio");
      } else if (pcm.length >= 400) {
        const result = computeMfcc({ samples: pcm, sampleRate: AUDIO_SAMPLE_RATE });
        mfcc = result.coefficients;
        mfccFrames = result.frameCount;
        const framesOfAudio = Math.ceil(pcm.length / (AUDIO_SAMPLE_RATE / ANALYSIS_FPS));
        voiceFeatures = computeVoiceFeatures({
          mfcc: result.coefficients,
          rows: result.frameCount,
          rowsPerFrame: MFCC_PER_FRAME,
          frameCount: framesOfAudio,
        });
        audioLevels = computeFrameLevels({
          samples: pcm,
          samplesPerFrame: AUDIO_SAMPLE_RATE / ANALYSIS_FPS,
          frameCount: framesOfAudio,
        });
        voiceActivity = await timeStage("vad", () =>
          computeVoiceActivity({
            samples: pcm,
            modelPath: vadPath,
            samplesPerFrame: AUDIO_SAMPLE_RATE / ANALYSIS_FPS,
            frameCount: framesOfAudio,
          }),
        );
      }
    });
  }
  // Without usable audio nobody can be heard: scores stay null and the largest face stands in as the speaker.
  if (!mfcc && fallbacks.length === 0) fallbacks.push("no-audio");
  checkAbort();
  progress("audio", 0);

  const detectSize = fitEven(info, Math.min(options.detectWidth ?? 480, info.width), Infinity);
  const cropSize = fitEven(info, info.width, Math.min(options.cropFrameMaxHeight ?? 720, info.height));
  const shotSize = fitEven(info, Math.min(SHOT_FRAME_WIDTH, info.width), Infinity);

  const detector = await createFaceDetector({
    modelPath: detectorPath,
    device: options.device,
    threads: options.threads,
  });
  const embedder: FaceEmbedder | null =
    options.faceEmbeddings === false
      ? null
      : await createFaceEmbedder({
          model: await loadFaceEmbeddingModel(options.modelCacheDir),
          device: options.device,
          threads: options.threads,
        });
  const scorer = mfcc
    ? await createAsdScorer({
        model: modelId,
        cacheDir: options.modelCacheDir,
        device: options.device,
        threads: options.threads,
        visualEdges: scoring === "fast" ? "continuous" : "exact",
      })
    : null;
  const shots = createShotDetector({ threshold: shotThreshold, minShotFrames: MIN_SHOT_FRAMES });
  const tracker = createFaceTracker({ maxGapFrames: Math.max(10, 2 * detectEvery) });
  const shotStarts = [0];
  // Bars and tiles per shot, from the detector frames already decoded.
  const regions = createContentRegionDetector({
    ...detectSize,
    sourceWidth: info.width,
    sourceHeight: info.height,
  });
  const shotRegions: RegionRect[][] = [];
  const states = new Map<number, TrackState>();
  const finished: TrackState[] = [];
  /** Grey crop-source frames still needed, by analysis frame. */
  const greyFrames = new Map<number, Uint8Array>();
  const sourcePerCropPx = info.width / cropSize.width;
  const sourcePerDetectPx = info.width / detectSize.width;

  const scoreWindow = async (state: TrackState, frames: number) => {
    if (!scorer || !mfcc || frames === 0) {
      for (let i = 0; i < frames; i++) state.rawScores.push(Number.NaN);
      return;
    }
    const crops = new Uint8Array(frames * CROP_SIZE * CROP_SIZE);
    state.crops.slice(0, frames).forEach((crop, i) => crops.set(crop, i * CROP_SIZE * CROP_SIZE));
    const firstRow = state.windowStart * MFCC_PER_FRAME;
    const rows = Math.max(0, Math.min(frames * MFCC_PER_FRAME, mfccFrames - firstRow));
    const audio = (mfcc as Float32Array).subarray(
      firstRow * MFCC_COEFFICIENT_COUNT,
      (firstRow + rows) * MFCC_COEFFICIENT_COUNT,
    );
    const wantEmbeddings = syncHead !== null || options.onTrackEmbeddings !== undefined;
    const result = await timeStage("score", () =>
      scorer.score({ mfcc: audio, crops, frameCount: frames, embeddings: wantEmbeddings }),
    );
    const { scores, visualEmbeddings, audioEmbeddings } = result;
    // MFCC framing (25 ms windows every 10 ms) leaves the audio's last video frame without its four rows, so the
    // reference scores N-1 of N frames. That frame still has a speaker: it keeps its neighbour's score.
    const tailHeld = scores.length > 0 && frames - scores.length <= MFCC_TAIL_FRAMES;
    for (let i = 0; i < frames; i++) {
      if (i < scores.length) state.rawScores.push(scores[i]!);
      else state.rawScores.push(tailHeld ? scores[scores.length - 1]! : Number.NaN);
    }
    if (visualEmbeddings && audioEmbeddings) {
      options.onTrackEmbeddings?.({
        trackId: state.track.id,
        startFrame: state.windowStart,
        visual: visualEmbeddings,
        audio: audioEmbeddings,
      });
      if (syncHead) {
        const project = (embeddings: Float32Array, side: "visual" | "audio") =>
          padRows(projectSyncFeatures({ head: syncHead, embeddings, side }), syncHead.components, frames);
        state.syncVisual.push(project(visualEmbeddings, "visual"));
        state.syncAudio.push(project(audioEmbeddings, "audio"));
      }
    }
    state.crops = state.crops.slice(frames);
    state.windowStart += frames;
  };

  // Cut every crop whose geometry is final, and score full windows.
  const advanceCrops = async (state: TrackState) => {
    const last = lastFinalCropFrame(state.track);
    while (state.nextCropFrame <= last) {
      const frame = state.nextCropFrame;
      const grey = greyFrames.get(frame);
      if (!grey) throw new Error(`internal: grey frame ${frame} was released too early`);
      const centre = cropCentreAt(state.track, frame);
      state.crops.push(
        cropFace(
          { data: grey, width: cropSize.width, height: cropSize.height },
          {
            x: centre.x / sourcePerCropPx,
            y: centre.y / sourcePerCropPx,
            halfSize: centre.halfSize / sourcePerCropPx,
          },
        ),
      );
      state.nextCropFrame++;
      if (state.crops.length === WINDOW_FRAMES) await scoreWindow(state, WINDOW_FRAMES);
    }
  };

  const closeTracks = async () => {
    for (const track of tracker.takeClosed()) {
      const state = states.get(track.id)!;
      states.delete(track.id);
      const { startFrame, endFrame } = trackSpan(track);
      if (endFrame - startFrame + 1 < minTrackFrames) continue;
      await advanceCrops(state);
      await scoreWindow(state, state.crops.length);
      if (embedder && state.faceChips.length > 0) {
        const descriptors = await timeStage("embed", () =>
          embedder.describe(state.faceChips.map((c) => c.chip)),
        );
        const mean = new Float32Array(descriptors[0]!.length);
        for (const d of descriptors) normalizeEmbedding(d).forEach((v, i) => (mean[i]! += v));
        state.embedding = normalizeEmbedding(mean);
        state.faceChips = [];
      }
      finished.push(state);
    }
  };

  // Keeps the track's best faces: quality = size (chip side in detector px / 150, at most 1) × detection score
  // × frontality (nose centred between the eyes) × sharpness, each kept face FACE_CHIP_SPACING_FRAMES from the others.
  const offerFaceChip = (
    state: TrackState,
    landmarks: readonly number[],
    score: number,
    frame: number,
    bgr: Uint8Array,
  ) => {
    const inDetect = landmarks.map((v) => v / sourcePerDetectPx);
    const geometry = faceChipGeometry(inDetect);
    const eyeMid = (inDetect[0]! + inDetect[2]!) / 2;
    const eyeDistance = Math.hypot(inDetect[2]! - inDetect[0]!, inDetect[3]! - inDetect[1]!) || 1;
    const frontality = Math.max(0, 1 - (2 * Math.abs(inDetect[4]! - eyeMid)) / eyeDistance);
    const base = Math.min(1, geometry.size / FACE_EMBEDDING_INPUT_PX) * Math.min(1, score) * frontality;
    const chips = state.faceChips;
    const near = chips.findIndex((c) => Math.abs(c.frame - frame) < FACE_CHIP_SPACING_FRAMES);
    const worst = chips.reduce((w, c, i) => (w < 0 || c.quality < chips[w]!.quality ? i : w), -1);
    const rival = near >= 0 ? near : chips.length >= FACE_CHIPS_PER_TRACK ? worst : -1;
    if (base < MIN_FACE_CHIP_QUALITY || (rival >= 0 && base <= chips[rival]!.quality)) return;
    const chip = cutFaceChip({ data: bgr, ...detectSize, order: "bgr" }, geometry);
    const sharpness = chipSharpness(chip);
    const quality = base * (sharpness / (sharpness + 20));
    if (quality < MIN_FACE_CHIP_QUALITY || (rival >= 0 && quality <= chips[rival]!.quality)) return;
    if (rival >= 0) chips.splice(rival, 1);
    chips.push({ frame, quality, chip });
  };

  const releaseGreyFrames = (currentFrame: number) => {
    let needed = currentFrame;
    for (const state of states.values()) needed = Math.min(needed, state.nextCropFrame);
    for (const frame of greyFrames.keys()) if (frame < needed) greyFrames.delete(frame);
  };

  let frameCount = 0;
  try {
    const stream = streamFrames({
      input: options.input,
      fps: ANALYSIS_FPS,
      startSeconds: start,
      durationSeconds: duration,
      signal: options.signal,
      videoOutputs: [
        { ...detectSize, pixelFormat: "bgr24" },
        { ...cropSize, pixelFormat: "gray" },
        // The shot frame is scaled down from the detector frame, not from the source: swscale's cost follows its
        // input size, so this saves about a third of the scaling work (bench/notes/analysis.md).
        { ...shotSize, pixelFormat: "rgb24", ...(detectSize.width >= shotSize.width ? { from: 0 } : {}) },
      ],
    });
    const decodeStart = performance.now();
    let inLoop = 0;
    for await (const decoded of stream) {
      const loopStart = performance.now();
      const frame = decoded.index;
      const [bgr, grey, rgb] = decoded.planes as [Uint8Array, Uint8Array, Uint8Array];
      frameCount = frame + 1;
      const t0 = performance.now();
      const isCut = shots.push({ rgb, width: shotSize.width, height: shotSize.height });
      stageSeconds.shots = (stageSeconds.shots ?? 0) + (performance.now() - t0) / 1000;
      if (isCut) {
        tracker.cut(frame - 1);
        // The detector moves a cut forward when a second one follows within the minimum shot length
        // (e.g. blank frames before the new shot): replace the start instead of adding a tiny shot.
        if (frame - shotStarts.at(-1)! < MIN_SHOT_FRAMES && shotStarts.length > 1) {
          shotStarts[shotStarts.length - 1] = frame;
          regions.take(); // the frames in between were the blank lead-in, not the shot
        } else {
          shotStarts.push(frame);
          shotRegions.push(regions.take());
        }
        await closeTracks();
      }
      greyFrames.set(frame, grey);
      if (isCut || frame % detectEvery === 0) {
        // Every other detection frame is plenty for what stays still over a shot (and halves the cost).
        if (isCut || frame % (2 * detectEvery) === 0)
          await timeStage("regions", async () => regions.push(bgr));
        const faces = await timeStage("detect", () =>
          detector.detect({
            bgr,
            width: detectSize.width,
            height: detectSize.height,
            sourcePxPerInputPx: sourcePerDetectPx,
          }),
        );
        tracker.update(
          frame,
          faces.map((face) => ({
            box: { x: face.x, y: face.y, width: face.width, height: face.height },
            score: face.score,
            landmarks: face.landmarks.flat(),
          })),
        );
        for (const track of tracker.openTracks) {
          if (!states.has(track.id)) {
            states.set(track.id, {
              track,
              nextCropFrame: frame,
              windowStart: frame,
              crops: [],
              rawScores: [],
              syncVisual: [],
              syncAudio: [],
              faceChips: [],
              embedding: null,
            });
          }
        }
        // Faces are offered on every other detection pass: plenty for the few kept, at half the cost.
        if (embedder && (isCut || frame % (2 * detectEvery) === 0)) {
          await timeStage("align", async () => {
            for (const track of tracker.openTracks) {
              const state = states.get(track.id)!;
              const last = track.detections.at(-1)!;
              if (last.frame !== frame || !last.landmarks || last.landmarks.length < 10) continue;
              offerFaceChip(state, last.landmarks, last.score, frame, bgr);
            }
          });
        }
        await closeTracks();
      }
      await timeStage("crop", async () => {
        for (const state of states.values()) await advanceCrops(state);
      });
      releaseGreyFrames(frame);
      if (frame % 25 === 0) progress("frames", frame);
      inLoop += performance.now() - loopStart;
      checkAbort();
    }
    stageSeconds.decode = (performance.now() - decodeStart - inLoop) / 1000;
    const truncated = checkDecodedDuration({
      info,
      expectedSeconds: duration,
      decodedSeconds: frameCount / ANALYSIS_FPS,
      partialFile: stream.partialFile(),
      allowTruncated: options.allowTruncated ?? false,
      onWarning: options.onWarning,
    });
    if (truncated) fallbacks.push("truncated");
    tracker.cut(frameCount - 1);
    await closeTracks();
    shotRegions.push(regions.take());
  } finally {
    await detector.release();
    await scorer?.release();
    await embedder?.release();
  }
  checkAbort();

  const timeline = buildTimeline({
    info,
    sourceSha256,
    frameCount,
    shotStarts,
    shotRegions,
    finished,
    fallbacks,
    // Assigned inside the audio stage's callback, which control-flow analysis does not follow.
    voiceActivity: voiceActivity as Float32Array | null,
    audioLevels: audioLevels as Float32Array | null,
    voiceFeatures: voiceFeatures as Float32Array | null,
    vadSha256: vadPath ? manifestEntry(VAD_MODEL_FILE).sha256 : null,
    decision: options.decision,
    settings: {
      detectWidth: detectSize.width,
      detectEvery,
      modelId,
      modelSha256,
      device: detector.executionProvider,
      shotThreshold,
      startSeconds: start,
      syncHead,
      scoring,
      faceEmbeddings: embedder !== null,
    },
  });
  progress("finish", frameCount);
  return timeline;
}

/**
 * A file cut short after its index (a faststart MP4's moov atom comes first) probes as whole and decodes to its
 * cut: fail unless allowed, so a short of 6 s is never made from a 16 s video without a word.
 */
function checkDecodedDuration(input: {
  info: MediaInfo;
  expectedSeconds: number;
  decodedSeconds: number;
  partialFile: boolean;
  allowTruncated: boolean;
  onWarning?: (message: string) => void;
}): boolean {
  const { info, expectedSeconds, decodedSeconds } = input;
  const sourceFps = info.averageFps.num / info.averageFps.den;
  const slack = Math.max(0.5, 2 / sourceFps, 2 / ANALYSIS_FPS);
  if (!input.partialFile && decodedSeconds >= expectedSeconds - slack) return false;
  const what = describeTruncation(info.path, info.durationSeconds, decodedSeconds);
  if (!input.allowTruncated) {
    throw new MediaError(
      `${what}; re-download or re-export it, or pass --allow-truncated to use what decodes`,
    );
  }
  input.onWarning?.(`${what}; using what decodes (--allow-truncated)`);
  return true;
}

/** "clip.mp4 is truncated: container says 16.2 s, only 6.1 s decodes" */
export function describeTruncation(path: string, containerSeconds: number, decodedSeconds: number): string {
  const digits = containerSeconds.toFixed(1) === decodedSeconds.toFixed(1) ? 2 : 1;
  return `${path} is truncated: container says ${containerSeconds.toFixed(digits)} s, only ${decodedSeconds.toFixed(digits)} s decodes`;
}

/** `rows` rows of width `width`: the last row repeated where `data` is short (the final frame may lack audio). */
function padRows(data: Float32Array, width: number, rows: number): Float32Array {
  const have = data.length / width;
  if (have >= rows || have === 0) return data;
  const out = new Float32Array(rows * width);
  out.set(data);
  for (let r = have; r < rows; r++) out.copyWithin(r * width, (have - 1) * width, have * width);
  return out;
}

function concatRows(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function rms(samples: Int16Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Size with the source's display aspect, at most `maxWidth` wide and `maxHeight` tall, both even. */
function fitEven(info: MediaInfo, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(1, maxWidth / info.width, maxHeight / info.height);
  const even = (v: number) => Math.max(2, 2 * Math.round(v / 2));
  return { width: even(info.width * scale), height: even(info.height * scale) };
}

interface BuildTimelineInput {
  info: MediaInfo;
  sourceSha256: string;
  frameCount: number;
  shotStarts: number[];
  /** Content regions per shot, source px. */
  shotRegions: RegionRect[][];
  finished: TrackState[];
  fallbacks: string[];
  /** Speech probability per analysis frame, and voice features (VOICE_FEATURE_DIMS per frame); null: no audio. */
  voiceActivity: Float32Array | null;
  voiceFeatures: Float32Array | null;
  /** Soundtrack level per analysis frame (dB); null: no audio. */
  audioLevels: Float32Array | null;
  vadSha256: string | null;
  decision: Partial<DecisionParams> | undefined;
  settings: {
    detectWidth: number;
    detectEvery: number;
    modelId: string;
    modelSha256: string;
    device: string;
    shotThreshold: number;
    startSeconds: number;
    syncHead: SyncHead | null;
    scoring: "exact" | "fast";
    faceEmbeddings: boolean;
  };
}

const round = (value: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
};

function buildTimeline(input: BuildTimelineInput): Timeline {
  const { info, frameCount, settings } = input;
  const shots = input.shotStarts.map((startFrame, i) => ({
    startFrame,
    endFrame: input.shotStarts[i + 1] ?? Math.max(frameCount, startFrame + 1),
    contentRegions: input.shotRegions[i] ?? [{ x: 0, y: 0, width: info.width, height: info.height }],
  }));
  const ordered = [...input.finished].sort(
    (a, b) => trackSpan(a.track).startFrame - trackSpan(b.track).startFrame || a.track.id - b.track.id,
  );
  const tracks = ordered.map((state, index) => {
    const { startFrame, endFrame } = trackSpan(state.track);
    const length = endFrame - startFrame + 1;
    const boxes: number[] = [];
    const hint = { index: 0 };
    for (let f = startFrame; f <= endFrame; f++) {
      const box = interpolatedBox(state.track, f, hint);
      boxes.push(round(box.x, 1), round(box.y, 1), round(box.width, 1), round(box.height, 1));
    }
    const raw = state.rawScores.slice(0, length).map((v) => (Number.isFinite(v) ? v : null));
    while (raw.length < length) raw.push(null);
    const scores = smoothScores(raw, SCORE_SMOOTHING_FRAMES).map((v) => (v === null ? null : round(v, 3)));
    const rawScores = raw.map((v) => (v === null ? null : round(v, 3)));
    const head = settings.syncHead;
    const sync =
      head && state.syncVisual.length > 0
        ? computeSyncScores({
            visual: concatRows(state.syncVisual),
            audio: concatRows(state.syncAudio),
            components: head.components,
            windowFrames: head.windowFrames,
          })
            .slice(0, length)
            .map((v) => (v === null ? null : round(v, 3)))
        : null;
    while (sync && sync.length < length) sync.push(null);
    const components = (parts: Float32Array[]) =>
      Array.from(
        padRows(concatRows(parts), head!.components, length).subarray(0, length * head!.components),
        (v) => round(v, 4),
      );
    const syncComponents =
      head && state.syncVisual.length > 0
        ? { syncVisual: components(state.syncVisual), syncAudio: components(state.syncAudio) }
        : {};
    // The shot is the last one starting at or before the track (tracks close at every cut).
    let shot = 0;
    while (shot + 1 < shots.length && shots[shot + 1]!.startFrame <= startFrame) shot++;
    return {
      id: index,
      shot,
      startFrame,
      frameCount: length,
      boxes,
      scores,
      rawScores,
      ...(sync ? { sync } : {}),
      ...syncComponents,
      ...(state.embedding ? { embedding: Array.from(state.embedding, (v) => round(v, 3)) } : {}),
    };
  });
  const timeline: Timeline = {
    schemaVersion: TIMELINE_SCHEMA_VERSION,
    generator: { name: "speakerframe", version: packageJson.version },
    source: {
      path: info.path,
      sha256: input.sourceSha256,
      width: info.width,
      height: info.height,
      rotation: info.rotation,
      fps: info.fps,
      variableFrameRate: info.variableFrameRate,
      durationSeconds: round(info.durationSeconds, 6),
      hasAudio: info.hasAudio,
    },
    analysis: {
      fps: ANALYSIS_FPS,
      frameCount,
      detector: {
        model: "yunet_n_dynamic",
        sha256: manifestEntry("yunet_n_dynamic.onnx").sha256,
        inputWidth: settings.detectWidth,
        scoreThreshold: 0.6,
        detectEvery: settings.detectEvery,
      },
      asd: {
        model: settings.modelId,
        sha256: settings.modelSha256,
        durations: [1, 2, 3, 4, 5, 6],
        scoring: settings.scoring,
        smoothingFrames: SCORE_SMOOTHING_FRAMES,
      },
      vad: input.vadSha256 ? { model: "silero_vad_v6", sha256: input.vadSha256 } : null,
      startSeconds: round(settings.startSeconds, 6),
      sync: settings.syncHead
        ? {
            model: settings.syncHead.model,
            components: settings.syncHead.components,
            windowFrames: settings.syncHead.windowFrames,
          }
        : null,
      shotThreshold: settings.shotThreshold,
      speakingThreshold: 0,
      decision: null,
      faceEmbedding: settings.faceEmbeddings
        ? { model: FACE_EMBEDDING_MODEL_ID, sha256: faceEmbeddingSha256(), dims: 128 }
        : null,
      device: settings.device,
      fallbacks: input.fallbacks,
    },
    shots,
    tracks,
    evidence: {
      voiceActivity: input.voiceActivity ? frameValues(input.voiceActivity, frameCount, 0, 3) : null,
      voiceFeatures: input.voiceFeatures
        ? {
            dims: VOICE_FEATURE_DIMS,
            values: frameValues(input.voiceFeatures, frameCount * VOICE_FEATURE_DIMS, 0, 2),
          }
        : null,
      audioLevels: input.audioLevels ? frameValues(input.audioLevels, frameCount, 0, 1) : null,
    },
    activeSpeaker: new Array<number>(frameCount).fill(-1),
  };
  return decideTimeline({ timeline: parseTimeline(timeline, "analysis result"), decision: input.decision });
}

/** `count` values rounded to `digits`, padded with `fill` past the end (audio may end before the video). */
function frameValues(values: Float32Array, count: number, fill: number, digits: number): number[] {
  const out = new Array<number>(count).fill(fill);
  for (let i = 0; i < Math.min(count, values.length); i++) out[i] = round(values[i]!, digits);
  return out;
}
