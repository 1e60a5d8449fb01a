// `<output>.speakerframe.json` beside each rendered short: the job hash that made it. A later run skips the job
// when the output exists and the sidecar's hash matches (resume); any change to the job renders it again.
import { existsSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../io/atomic-output";

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

/** True when `output` exists, is not empty and its sidecar carries `jobHash`. */
export async function isOutputUpToDate(output: string, jobHash: string): Promise<boolean> {
  if (!existsSync(output) || statSync(output).size === 0) return false;
  return (await readOutputSidecar(output))?.jobHash === jobHash;
}

export function writeOutputSidecar(output: string, sidecar: OutputSidecar): Promise<void> {
  return writeFileAtomic(sidecarPath(output), `${JSON.stringify(sidecar, null, 2)}\n`);
}
