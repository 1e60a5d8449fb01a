// The queue's edges without a worker: --queue URLs, an unreachable Redis as one line, and messages from another
// version or with a bad field refused with one line at either end.
import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { checkQueueReachable } from "../src/batch/queue/open-queues";
import { parseQueueUrl } from "../src/batch/queue/parse-queue-url";
import {
  envelopeFields,
  QUEUE_NAMES,
  renderResultSchema,
  SPEAKERFRAME_VERSION,
} from "../src/batch/queue/queue-protocol";
import { readQueueMessage } from "../src/batch/queue/read-queue-message";

describe("parseQueueUrl", () => {
  it("reads host, port, database and credentials, and hides the password in messages", () => {
    expect(parseQueueUrl("redis://127.0.0.1:6380")).toMatchObject({ host: "127.0.0.1", port: 6380, db: 0 });
    expect(parseQueueUrl("redis://:s3cret@queue.local/2")).toMatchObject({
      host: "queue.local",
      port: 6379,
      db: 2,
      password: "s3cret",
      display: "redis://queue.local:6379/2",
    });
    expect(parseQueueUrl("rediss://q:7000").tls).toEqual({});
  });

  it("names the bad value and what is allowed", () => {
    expect(() => parseQueueUrl("localhost:6379")).toThrow(
      '--queue "localhost:6379" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)',
    );
    expect(() => parseQueueUrl("nonsense")).toThrow(
      /^--queue "nonsense" is not a URL; use redis:\/\/HOST:PORT/,
    );
    expect(() => parseQueueUrl("redis://h:1/99")).toThrow('database "99" must be a number from 0 to 15');
  });
});

it("says in one line when Redis cannot be reached", async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  await expect(checkQueueReachable(parseQueueUrl(`redis://127.0.0.1:${port}`))).rejects.toThrow(
    `cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED); start redis-server there or fix --queue`,
  );
});

describe("readQueueMessage", () => {
  const result = {
    ...envelopeFields(),
    width: 270,
    height: 480,
    fps: 25,
    durationInFrames: 50,
    renderSeconds: 3.2,
    warnings: [],
    wrote: true,
    follow: null,
    worker: "host:1",
  };
  const read = (data: unknown) =>
    readQueueMessage({ schema: renderResultSchema, data, what: "render result" });

  it("passes a message of this version and names queues by protocol", () => {
    expect(read(result)).toEqual(result);
    expect(Object.values(QUEUE_NAMES)).toEqual([
      "speakerframe-v1-analysis",
      "speakerframe-v1-fan-out",
      "speakerframe-v1-render",
    ]);
  });

  it("refuses another speakerframe or protocol version with both versions named", () => {
    expect(() => read({ ...result, speakerframe: "9.0.0" })).toThrow(
      `render result comes from speakerframe 9.0.0 (queue protocol 1); this is speakerframe ${SPEAKERFRAME_VERSION} (protocol 1): run the same version on the batch machine and every worker`,
    );
    expect(() => read({ ...result, protocol: 2 })).toThrow(/queue protocol 2\)/);
    expect(() => read("garbage")).toThrow(/comes from speakerframe \? \(queue protocol \?\)/);
  });

  it("names the first bad field of a malformed message", () => {
    expect(() => read({ ...result, width: "wide" })).toThrow(
      /^render result is not a valid message: width: /,
    );
    expect(() => read({ ...result, extra: 1 })).toThrow(
      /^render result is not a valid message: extra: unknown field$/,
    );
  });
});
