// Retry policy per queue. Failures that can pass (a crashed browser, a full disk freed, Redis blinking) retry
// with exponential backoff; bad input fails at once (workers throw UnrecoverableError). Finished jobs stay until
// the batch that follows them has read their results and removes them.
import type { JobsOptions } from "bullmq";

export const ANALYSIS_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 10_000 },
  // The fan-out (and so every render of the source) fails with the analysis.
  failParentOnFailure: true,
};

export const FAN_OUT_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: "exponential", delay: 1000 },
};

export const RENDER_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: "exponential", delay: 5000 },
};
