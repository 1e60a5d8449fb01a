// `--queue redis://[user:password@]host:port[/db]` (or rediss:// for TLS) -> ioredis connection options. Pure.
import { UsageError } from "../../errors";

export interface QueueConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls?: Record<string, never>;
  /** The URL without its password, for messages. */
  display: string;
}

export function parseQueueUrl(value: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(
      `--queue "${value}" is not a URL; use redis://HOST:PORT (e.g. redis://127.0.0.1:6379)`,
    );
  }
  if (url.protocol !== "redis:" && url.protocol !== "rediss:") {
    throw new UsageError(
      `--queue "${value}" must start with redis:// or rediss:// (e.g. redis://127.0.0.1:6379)`,
    );
  }
  const port = url.port ? Number(url.port) : 6379;
  const dbText = url.pathname.replace(/^\//, "");
  const db = dbText ? Number(dbText) : 0;
  if (!url.hostname) throw new UsageError(`--queue "${value}" names no host; use redis://HOST:PORT`);
  if (!Number.isInteger(db) || db < 0 || db > 15) {
    throw new UsageError(`--queue "${value}": database "${dbText}" must be a number from 0 to 15`);
  }
  const display = `${url.protocol}//${url.hostname}:${port}${db ? `/${db}` : ""}`;
  return {
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port,
    db,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === "rediss:" ? { tls: {} } : {}),
    display,
  };
}
