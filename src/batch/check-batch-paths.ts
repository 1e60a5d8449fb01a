// Before any work: no file a batch writes (each short, its sidecar, the report) may be a file it reads (any job's
// source, SRT or word timings, the manifest, the config) or another file it writes. Paths compare by the file they
// name (device and inode, real location), so `c.mp4`, `./self/c.mp4` and a hard link are one file. Every written
// path must also be writable.
import { checkOutputPath } from "../io/atomic-output";
import { fileIdentity } from "../io/file-identity";
import { sidecarPath } from "./output-sidecar";
import { ManifestError, type ResolvedJob } from "./parse-manifest";

export interface CheckBatchPathsInput {
  manifestPath: string;
  reportPath: string;
  configPath?: string;
  jobs: readonly ResolvedJob[];
}

interface Named {
  path: string;
  what: string;
}

const MAX_LISTED = 8;

export function checkBatchPaths(input: CheckBatchPathsInput): void {
  const reads: Named[] = [{ path: input.manifestPath, what: "the manifest" }];
  if (input.configPath) reads.push({ path: input.configPath, what: "the config" });
  const writes: Named[] = [{ path: input.reportPath, what: "--report" }];
  for (const job of input.jobs) {
    const at = `jobs[${job.index}]`;
    reads.push({ path: job.source, what: `${at}.source` });
    if (job.srt) reads.push({ path: job.srt, what: `${at}.srt` });
    if (job.words) reads.push({ path: job.words, what: `${at}.words` });
    writes.push({ path: job.output, what: `${at}.output` });
    writes.push({ path: sidecarPath(job.output), what: `${at}.output's sidecar` });
  }
  const readBy = new Map<string, Named>();
  for (const read of reads)
    if (!readBy.has(fileIdentity(read.path))) readBy.set(fileIdentity(read.path), read);
  const writtenBy = new Map<string, Named>();
  const problems: string[] = [];
  for (const write of writes) {
    const identity = fileIdentity(write.path);
    const read = readBy.get(identity);
    if (read) problems.push(`${write.what} ${write.path} would overwrite ${read.what} (${read.path})`);
    const other = writtenBy.get(identity);
    if (other) problems.push(`${write.what} ${write.path} is the same file as ${other.what} (${other.path})`);
    else writtenBy.set(identity, write);
  }
  if (problems.length) {
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : "";
    throw new ManifestError(
      `manifest ${input.manifestPath}: ${problems.slice(0, MAX_LISTED).join("; ")}${more}`,
    );
  }
  for (const write of writes) checkOutputPath(write.path);
}
