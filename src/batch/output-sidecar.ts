// `<output>.speakerframe.json` beside each rendered short: the job hash that made it. A later run skips the job
// when the output exists and the sidecar's hash matches (resume); any change to the job renders it again.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../io/atomic-output";
import { sha256File } from "../io/sha256-file";

export interface OutputSidecar {
  speakerframe: 1;
  jobHash: string;
  jobId: string;
  source: string;
  renderedAt: string;
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
  /** Size and sha256 of the output as written, so a truncated or replaced output is rendered again. */
  outputBytes?: number;
  outputSha256?: string;
  lambda?: { renderId: string; bucketName: string };
}

export const sidecarPath = (output: string) => `${output}.speakerframe.json`;

export async function readOutputSidecar(output: string): Promise<OutputSidecar | null> {
  try {
    const data = JSON.parse(await readFile(sidecarPath(output), "utf8")) as Partial<OutputSidecar>;
    return data.speakerframe === 1 && typeof data.jobHash === "string" ? (data as OutputSidecar) : null;
  } catch {
    return null;
  }
}

/** True when `output` exists and its sidecar carries `jobHash` and the output's current size and sha256. */
export async function isOutputUpToDate(output: string, jobHash: string): Promise<boolean> {
  if (!existsSync(output)) return false;
  const size = statSync(output).size;
  const sidecar = await readOutputSidecar(output);
  if (size === 0 || sidecar?.jobHash !== jobHash || sidecar.outputBytes !== size) return false;
  return sidecar.outputSha256 === (await sha256File(output));
}

/** The fields that pin the output file itself. */
export async function describeOutputFile(
  output: string,
): Promise<{ outputBytes: number; outputSha256: string }> {
  return { outputBytes: statSync(output).size, outputSha256: await sha256File(output) };
}

export function writeOutputSidecar(output: string, sidecar: OutputSidecar): Promise<void> {
  return writeFileAtomic(sidecarPath(output), `${JSON.stringify(sidecar, null, 2)}\n`);
}
