// Reads a job's state before the job itself. The other order races a worker: a job fetched while active, then
// asked for its state after it completed, says "completed" with no return value.
import type { Job, JobState, Queue } from "bullmq";

export interface JobWithState {
  /** "unknown" when no job has this id. */
  state: JobState | "unknown";
  job: Job | undefined;
}

export async function readJobState(queue: Queue, id: string): Promise<JobWithState> {
  const state = await queue.getJobState(id);
  const job = state === "unknown" ? undefined : await queue.getJob(id);
  return { state: job ? state : "unknown", job };
}
