// Writes a timeline report: HTML (inline SVG) or PNG (that HTML screenshotted in headless Chromium), atomically.
// With the video, preview frames show the faces and the camera window; with a rendered short, its frames too.
import { rm, writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { cameraMetrics } from "../compositions/camera/camera-metrics";
import type { CameraPlan } from "../compositions/camera/camera-types";
import { planCamera } from "../compositions/camera/plan-camera";
import { UsageError } from "../errors";
import { tempPathFor, withAtomicOutput } from "../io/atomic-output";
import type { Timeline } from "../timeline/timeline-schema";
import { buildReportHtml, type ReportPreviewFrame } from "./build-report-html";
import { extractFrameImage } from "./extract-frame-image";
import { screenshotHtml } from "./screenshot-html";

export const REPORT_EXTENSIONS = [".html", ".htm", ".png"];

export interface WriteReportOptions {
  timeline: Timeline;
  /** .html or .png */
  output: string;
  /** Source video, for preview frames (omit for charts only). */
  video?: string | null;
  /** A rendered short of [clipStartSeconds, ...) of the video: its frames go beside the source frames. */
  short?: { path: string; clipStartSeconds: number } | null;
  /** The plan to draw; default: the whole timeline planned for 1080x1920. */
  plan?: CameraPlan | null;
  /** Preview frames (default 6; 0 for none). */
  frameCount?: number;
  title?: string;
  signal?: AbortSignal;
}

export function assertReportExtension(path: string, what = "--report"): void {
  if (!REPORT_EXTENSIONS.includes(extname(path).toLowerCase())) {
    throw new UsageError(`${what} "${path}" must end in .html or .png`);
  }
}

export interface WriteReportResult {
  output: string;
  format: "html" | "png";
  /** Page (and PNG) size in px. */
  widthPx: number;
  heightPx: number;
}

export async function writeReport(options: WriteReportOptions): Promise<WriteReportResult> {
  assertReportExtension(options.output);
  const { timeline } = options;
  const fps = timeline.analysis.fps;
  let plan = options.plan;
  if (plan === undefined) {
    plan =
      timeline.analysis.frameCount > 0
        ? planCamera({ timeline, output: { width: 1080, height: 1920 }, fps })
        : null;
  }
  const metrics = plan ? cameraMetrics({ plan, timeline }) : null;
  const frames: ReportPreviewFrame[] = [];
  const count = options.frameCount ?? 6;
  if (options.video && count > 0 && timeline.analysis.frameCount > 0) {
    const start = plan?.range.startSeconds ?? 0;
    const end = plan?.range.endSeconds ?? timeline.analysis.frameCount / fps;
    for (let i = 0; i < count; i++) {
      const seconds = start + ((i + 0.5) / count) * (end - start);
      const sourceImage = await extractFrameImage({
        video: options.video,
        seconds,
        widthPx: 480,
        signal: options.signal,
      });
      if (!sourceImage) continue;
      const shortSeconds = options.short ? seconds - options.short.clipStartSeconds : -1;
      const outputImage =
        options.short && shortSeconds >= 0
          ? await extractFrameImage({
              video: options.short.path,
              seconds: shortSeconds,
              widthPx: 180,
              signal: options.signal,
            })
          : null;
      frames.push({ sourceSeconds: seconds, sourceImage, outputImage });
    }
  }
  const report = buildReportHtml({ timeline, plan, metrics, frames, title: options.title });
  if (extname(options.output).toLowerCase() === ".png") {
    await withAtomicOutput(options.output, async (tempPng) => {
      const htmlPath = tempPathFor(`${tempPng}.html`);
      try {
        await writeFile(htmlPath, report.html);
        await screenshotHtml({
          htmlPath,
          pngPath: tempPng,
          widthPx: report.widthPx,
          heightPx: report.heightPx,
          signal: options.signal,
        });
      } finally {
        await rm(htmlPath, { force: true });
      }
    });
    return { output: options.output, format: "png", widthPx: report.widthPx, heightPx: report.heightPx };
  }
  await withAtomicOutput(options.output, (temp) => writeFile(temp, report.html));
  return { output: options.output, format: "html", widthPx: report.widthPx, heightPx: report.heightPx };
}
