// Validates a payload or result read from the queue. A message from another protocol or speakerframe version is
// refused with one line naming both versions (job hashes and cache keys depend on the version, so a mixed fleet
// would render other bytes than the hash claims); a malformed one names its first bad field.
import type { z } from "zod";
import { UserFacingError } from "../../errors";
import { formatZodIssue } from "../../render/format-zod-issue";
import { QUEUE_PROTOCOL, SPEAKERFRAME_VERSION } from "./queue-protocol";

export class QueueMessageError extends UserFacingError {
  override name = "QueueMessageError";
}

export function readQueueMessage<Schema extends z.ZodType>(input: {
  schema: Schema;
  data: unknown;
  /** What the message is, for the error line ("render job render-3f…"). */
  what: string;
}): z.output<Schema> {
  const { data, what } = input;
  const envelope = (data ?? {}) as { protocol?: unknown; speakerframe?: unknown };
  if (envelope.protocol !== QUEUE_PROTOCOL || envelope.speakerframe !== SPEAKERFRAME_VERSION) {
    throw new QueueMessageError(
      `${what} comes from speakerframe ${String(envelope.speakerframe ?? "?")} (queue protocol ${String(envelope.protocol ?? "?")}); ` +
        `this is speakerframe ${SPEAKERFRAME_VERSION} (protocol ${QUEUE_PROTOCOL}): run the same version on the batch machine and every worker`,
    );
  }
  const parsed = input.schema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new QueueMessageError(`${what} is not a valid message: ${formatZodIssue(first, data)}`);
  }
  return parsed.data;
}
