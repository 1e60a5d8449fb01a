// The machine-readable result of a batch run (`--report`, default <manifest>.report.json beside the manifest).
import { renameSync, rmSync, writeFileSync } from "node:fs";
import { tempPathFor, writeFileAtomic } from "../io/atomic-output";

/** pending: not finished yet (only in reports written while the batch runs, or left by an abrupt exit). */
export type JobStatus = "rendered" | "skipped" | "failed" | "cancelled" | "pending";

export interface BatchJobReport {
  index: number;
  id: string;
  source: string;
  output: string;
  status: JobStatus;
  /** One line for failed / cancelled jobs. */
  error: string | null;
  jobHash: string | null;
  template: string;
  startSeconds: number;
  endSeconds: number | null;
  width: number | null;
  height: number | null;
  fps: number | null;
  durationInFrames: number | null;
  /** Wall time of this job's render (analysis is counted per source). */
  renderSeconds: number;
  warnings: string[];
  lambda: { renderId: string; bucketName: string; inputPropsBytes: number } | null;
  /** With --follow: the person framed and how they were found ("face.jpg (distance 0.21)"). */
  follow: { person: string; how: string } | null;
}

export interface BatchSourceReport {
  source: string;
  sha256: string | null;
  jobs: number;
  /** Times this run obtained the source's timeline (0 when every job was resumed; never more than 1). */
  analyses: number;
  /** Of those, how many came from the analysis cache instead of running the models. */
  cacheHits: number;
  analysisSeconds: number;
  timelinePath: string | null;
  error: string | null;
}

export interface BatchReport {
  speakerframe: 1;
  manifest: string;
  mode: "local" | "lambda" | "queue";
  concurrency: number;
  startedAt: string;
  finishedAt: string;
  seconds: number;
  summary: {
    total: number;
    rendered: number;
    skipped: number;
    failed: number;
    cancelled: number;
    pending: number;
  };
  sources: BatchSourceReport[];
  jobs: BatchJobReport[];
}

export function writeBatchReport(path: string, report: BatchReport): Promise<void> {
  return writeFileAtomic(path, `${JSON.stringify(report, null, 2)}\n`);
}

/** For exit hooks, where nothing asynchronous runs any more: temp file and rename, errors ignored. */
export function writeBatchReportSync(path: string, report: BatchReport): void {
  const temp = tempPathFor(path);
  try {
    writeFileSync(temp, `${JSON.stringify(report, null, 2)}\n`);
    renameSync(temp, path);
  } catch {
    rmSync(temp, { force: true });
  }
}
