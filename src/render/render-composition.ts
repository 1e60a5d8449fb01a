// One SpeakerShort render through @remotion/renderer with the local Chromium: selectComposition (runs
// calculateMetadata: size, fps, duration) then renderMedia to `outputLocation`. An abort cancels renderMedia,
// which closes its browser and kills its ffmpeg before this rejects, so no child process outlives it.
import { makeCancelSignal, renderMedia, selectComposition } from "@remotion/renderer";
import { accessSync, constants, statSync } from "node:fs";
import { BROWSER_ENV, browserOptions } from "../compositions/render/browser-options";
import type { SpeakerShortProps } from "../compositions/speaker-short-schema";
import { WARNINGS_REPORTED_ENV } from "../compositions/warnings-env";
import { CancelledError, UserFacingError } from "../errors";
import { abortable } from "./abortable";
import { quietFaviconErrors } from "./quiet-favicon-errors";
import { COMPOSITION_ID } from "./get-serve-url";

export type X264Preset = "ultrafast" | "superfast" | "veryfast" | "faster" | "fast" | "medium" | "slow";

export interface RenderCompositionOptions {
  serveUrl: string;
  /** Composition to render from the bundle (default SpeakerShort); it receives SpeakerShort's input props. */
  compositionId?: string;
  inputProps: SpeakerShortProps;
  /** File to write (the caller makes it atomic). */
  outputLocation: string;
  /** Browser tabs rendering in parallel; null = Remotion's default (half the cores). */
  concurrency?: number | null;
  crf?: number;
  x264Preset?: X264Preset;
  signal?: AbortSignal;
  onProgress?: (progress: RenderCompositionProgress) => void;
}

export interface RenderCompositionProgress {
  stage: "render" | "encode";
  frames: number;
  totalFrames: number;
}

export interface RenderCompositionResult {
  durationInFrames: number;
  fps: number;
  width: number;
  height: number;
}

/** Before any heavy work: a configured browser must be an executable file. */
export function assertBrowserUsable(): void {
  const { browserExecutable } = browserOptions();
  if (!browserExecutable) return;
  try {
    accessSync(browserExecutable, constants.X_OK);
    if (!statSync(browserExecutable).isFile()) throw new Error("not a file");
  } catch {
    throw new UserFacingError(
      `the browser ${browserExecutable} does not exist or is not an executable file; set ${BROWSER_ENV} to a working Chromium`,
    );
  }
}

export function renderComposition(options: RenderCompositionOptions): Promise<RenderCompositionResult> {
  return quietFaviconErrors(() => renderQuietly(options));
}

async function renderQuietly(options: RenderCompositionOptions): Promise<RenderCompositionResult> {
  const { signal } = options;
  if (signal?.aborted) throw new CancelledError("render interrupted");
  assertBrowserUsable();
  const browser = browserOptions();
  const verbose = Boolean(process.env.SPEAKERFRAME_DEBUG);
  const id = options.compositionId ?? COMPOSITION_ID;
  const common = {
    serveUrl: options.serveUrl,
    inputProps: options.inputProps as unknown as Record<string, unknown>,
    browserExecutable: browser.browserExecutable,
    chromeMode: browser.chromeMode,
    chromiumOptions: browser.chromiumOptions,
    // Remotion logs errors only (SPEAKERFRAME_DEBUG=1: everything, with the page's console).
    logLevel: verbose ? ("verbose" as const) : ("error" as const),
    // The caller prints the plan's warnings itself: the composition need not log them from the browser too.
    envVariables: (verbose ? {} : { [WARNINGS_REPORTED_ENV]: "1" }) as Record<string, string>,
  };
  // selectComposition takes no cancel signal: an interrupt while the browser starts rejects here at once.
  const composition = await abortable(
    selectComposition({ ...common, id }).catch((error: unknown) => {
      throw compositionError(error, id);
    }),
    signal,
  );
  if (signal?.aborted) throw new CancelledError("render interrupted");
  const { cancelSignal, cancel } = makeCancelSignal();
  const onAbort = () => cancel();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    await renderMedia({
      ...common,
      composition,
      codec: "h264",
      audioCodec: "aac",
      imageFormat: "jpeg",
      outputLocation: options.outputLocation,
      overwrite: true,
      concurrency: options.concurrency ?? null,
      crf: options.crf,
      x264Preset: options.x264Preset,
      cancelSignal,
      onProgress: (p) => {
        const total = composition.durationInFrames;
        if (p.renderedFrames < total || p.encodedFrames === 0)
          options.onProgress?.({ stage: "render", frames: p.renderedFrames, totalFrames: total });
        else options.onProgress?.({ stage: "encode", frames: p.encodedFrames, totalFrames: total });
      },
    });
  } catch (error) {
    if (signal?.aborted) throw new CancelledError("render interrupted");
    throw encoderWriteError(error) ?? error;
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  return {
    durationInFrames: composition.durationInFrames,
    fps: composition.fps,
    width: composition.width,
    height: composition.height,
  };
}

/** errno of ffmpeg's exit status 256 - errno (AVERROR(errno)) for the write failures a user can fix. */
const FFMPEG_WRITE_ERRNOS: Record<number, string> = {
  1: "EPERM",
  2: "ENOENT",
  13: "EACCES",
  20: "ENOTDIR",
  21: "EISDIR",
  28: "ENOSPC",
  30: "EROFS",
  122: "EDQUOT",
};

/**
 * Remotion's ffmpeg failing to write the output ("Command failed with exit code 228") as an error with the errno's
 * code, so the atomic-output wrapper names the output and the reason (no space left, read-only, ...).
 */
export function encoderWriteError(error: unknown): Error | null {
  const message = error instanceof Error ? error.message : String(error);
  const status = Number(/Command failed with exit code (\d+)/.exec(message)?.[1]);
  const code = FFMPEG_WRITE_ERRNOS[256 - status];
  return code ? Object.assign(new Error(message), { code }) : null;
}

/** Errors thrown by calculateMetadata in the browser come back with a stack: keep the first line. */
function compositionError(error: unknown, id: string): Error {
  if (error instanceof UserFacingError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const line = message.split("\n").find((l) => l.trim()) ?? message;
  if (/Failed to launch the browser|spawn .*(ENOENT|EACCES)|Timed out .*browser/i.test(message)) {
    const executable = browserOptions().browserExecutable ?? "Chrome Headless Shell";
    return new UserFacingError(
      `the browser ${executable} could not be started (${line.replace(/^Error:\s*/, "").replace(/!$/, "")}); set ${BROWSER_ENV} to a working Chromium`,
    );
  }
  const available = /Could not find composition with ID .*Available compositions: (.*)$/.exec(line)?.[1];
  if (available !== undefined) {
    return new UserFacingError(
      `--composition "${id}" is not registered by the entry point; available: ${available}`,
    );
  }
  return new UserFacingError(`${id} could not be prepared: ${line.replace(/^Error:\s*/, "")}`);
}
