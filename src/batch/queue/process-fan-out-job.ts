// A fan-out job runs once its analysis child has completed: it adds the source's render jobs, each carrying the
// timeline's path. Job ids are the job hashes, so a retried fan-out adds nothing twice.
import type { Job, Queue } from "bullmq";
import { UserFacingError } from "../../errors";
import {
  analysisResultSchema,
  envelopeFields,
  fanOutPayloadSchema,
  renderJobId,
  type FanOutResult,
} from "./queue-protocol";
import { RENDER_JOB_OPTIONS } from "./queue-job-options";
import { readQueueMessage } from "./read-queue-message";

export async function processFanOutJob(job: Job, renderQueue: Queue): Promise<FanOutResult> {
  const payload = readQueueMessage({
    schema: fanOutPayloadSchema,
    data: job.data,
    what: `fan-out job ${job.id}`,
  });
  const values = Object.values(await job.getChildrenValues());
  if (values.length !== 1) {
    throw new UserFacingError(`fan-out job ${job.id} has ${values.length} analysis results; expected 1`);
  }
  const analysis = readQueueMessage({
    schema: analysisResultSchema,
    data: values[0],
    what: `analysis result of ${payload.analysisJobId}`,
  });
  const jobs = payload.renders.map((render) => ({
    name: "render",
    data: { ...render, timelinePath: analysis.timelinePath },
    opts: { ...RENDER_JOB_OPTIONS, jobId: renderJobId(render.jobHash) },
  }));
  await renderQueue.addBulk(jobs);
  return { ...envelopeFields(), renderJobIds: jobs.map((j) => j.opts.jobId) };
}
