// The end-of-batch table (plain text, fixed-width columns). Pure.
import { relative } from "node:path";
import type { BatchReport } from "./batch-report";

export function formatBatchSummary(report: BatchReport, cwd = process.cwd()): string {
  const shown = (path: string) => {
    const rel = relative(cwd, path);
    return rel && !rel.startsWith("..") ? rel : path;
  };
  const header = ["job", "status", "seconds", "output / error"];
  const rows = report.jobs.map((job) => [
    job.id,
    job.status,
    job.status === "skipped" ? "-" : job.renderSeconds.toFixed(1),
    job.error ?? shown(job.output),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  const { summary } = report;
  const analysed = report.sources
    .map((s) => `${shown(s.source)} x${s.analyses}${s.cacheHits ? ` (${s.cacheHits} cached)` : ""}`)
    .join(", ");
  return [
    line(header),
    ...rows.map(line),
    "",
    `${summary.total} job(s): ${summary.rendered} rendered, ${summary.skipped} up to date, ${summary.failed} failed` +
      (summary.cancelled ? `, ${summary.cancelled} cancelled` : "") +
      (summary.pending ? `, ${summary.pending} not run` : "") +
      ` in ${report.seconds.toFixed(1)} s`,
    `analyses: ${analysed}`,
  ].join("\n");
}
