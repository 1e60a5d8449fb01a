// Connects to Redis for a batch or a worker: a quick TCP check first (so an unreachable server is one line, not
// ioredis retrying forever), then BullMQ queues named by the protocol version.
import { connect } from "node:net";
import { FlowProducer, Queue, type ConnectionOptions } from "bullmq";
import { UserFacingError } from "../../errors";
import type { QueueConnection } from "./parse-queue-url";
import { QUEUE_NAMES, type QueueKind } from "./queue-protocol";

export interface OpenQueues {
  connection: ConnectionOptions;
  queues: Record<QueueKind, Queue>;
  flows: FlowProducer;
  close(): Promise<void>;
}

export function connectionOptions(queue: QueueConnection): ConnectionOptions {
  const { display: _display, ...options } = queue;
  // Workers block on Redis; BullMQ needs ioredis to retry forever rather than fail a command.
  return { ...options, maxRetriesPerRequest: null };
}

export async function checkQueueReachable(queue: QueueConnection, timeoutMs = 5000): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const socket = connect({ host: queue.host, port: queue.port });
    const fail = (reason: string) => {
      socket.destroy();
      reject(
        new UserFacingError(
          `cannot reach Redis at ${queue.display} (${reason}); start redis-server there or fix --queue`,
        ),
      );
    };
    socket.setTimeout(timeoutMs, () => fail(`no answer in ${timeoutMs / 1000} s`));
    socket.once("error", (error: NodeJS.ErrnoException) => fail(error.code ?? error.message));
    socket.once("connect", () => {
      socket.end();
      resolve();
    });
  });
}

export async function openQueues(queue: QueueConnection): Promise<OpenQueues> {
  await checkQueueReachable(queue);
  const connection = connectionOptions(queue);
  const make = (name: string) => {
    const q = new Queue(name, { connection });
    // Connection hiccups are retried by ioredis; the follow loop reports what matters.
    q.on("error", () => undefined);
    return q;
  };
  const queues = {
    analysis: make(QUEUE_NAMES.analysis),
    fanOut: make(QUEUE_NAMES.fanOut),
    render: make(QUEUE_NAMES.render),
  };
  const flows = new FlowProducer({ connection });
  flows.on("error", () => undefined);
  await Promise.all([...Object.values(queues).map((q) => q.waitUntilReady()), flows.waitUntilReady()]);
  return {
    connection,
    queues,
    flows,
    close: async () => {
      await Promise.all([...Object.values(queues).map((q) => q.close()), flows.close()]);
    },
  };
}
