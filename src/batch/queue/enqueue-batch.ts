// Puts a prepared batch on the queue: per analysis group one BullMQ flow, a fan-out job whose child is the
// analysis (job id from the source's sha256 + settings, so concurrent batches and workers share it); the fan-out
// adds the group's render jobs once the analysis is done. Jobs left finished by an earlier run are removed first
// so they run again; unfinished ones (a batch that was interrupted while workers went on) are followed as they are.
import type { Job, Queue } from "bullmq";
import type { OpenQueues } from "./open-queues";
import type { AnalysisGroup } from "./prepare-queued-jobs";
import { envelopeFields, analysisJobId, fanOutJobId, QUEUE_NAMES, renderJobId } from "./queue-protocol";
import { ANALYSIS_JOB_OPTIONS, FAN_OUT_JOB_OPTIONS } from "./queue-job-options";

const FINISHED = new Set(["completed", "failed"]);

/** Removes a finished job with this id; true when an unfinished one is there. */
async function clearFinished(queue: Queue, id: string): Promise<boolean> {
  const job: Job | undefined = await queue.getJob(id);
  if (!job) return false;
  const state = await job.getState();
  if (!FINISHED.has(state)) return state !== "unknown";
  await job.remove({ removeChildren: false });
  return false;
}

export async function enqueueBatch(input: { queues: OpenQueues; groups: AnalysisGroup[] }): Promise<void> {
  const { queues, flows } = input.queues;
  for (const group of input.groups) {
    const key = group.analysis.analysisKey;
    for (const { payload } of group.renders) await clearFinished(queues.render, renderJobId(payload.jobHash));
    const analysisBusy = await clearFinished(queues.analysis, analysisJobId(key));
    const fanOutBusy = await clearFinished(queues.fanOut, fanOutJobId(key));
    if (analysisBusy || fanOutBusy) continue;
    await flows.add({
      name: "fan-out",
      queueName: QUEUE_NAMES.fanOut,
      data: {
        ...envelopeFields(),
        analysisJobId: analysisJobId(key),
        renders: group.renders.map((r) => r.payload),
      },
      opts: { ...FAN_OUT_JOB_OPTIONS, jobId: fanOutJobId(key) },
      children: [
        {
          name: "analysis",
          queueName: QUEUE_NAMES.analysis,
          data: group.analysis,
          opts: { ...ANALYSIS_JOB_OPTIONS, jobId: analysisJobId(key) },
        },
      ],
    });
  }
}
