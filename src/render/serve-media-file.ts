// Serves local source videos to the renderer's browser over HTTP on 127.0.0.1 (byte ranges, CORS), so one bundle
// (serve URL) renders any file without copying it into the public folder: Remotion's static server refuses
// symlinks, and copying an hour-long source per render would be slow. Only registered files are served, under an
// unguessable path. The server is unref'd: it never keeps the process alive.
import { randomBytes } from "node:crypto";
import { createReadStream, statSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { basename, extname, resolve } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".m4v": "video/mp4",
  ".mov": "video/quicktime",
  ".mkv": "video/x-matroska",
  ".webm": "video/webm",
  ".avi": "video/x-msvideo",
  ".json": "application/json",
  ".srt": "text/plain; charset=utf-8",
};

interface MediaServer {
  server: Server;
  port: number;
  files: Map<string, string>;
  sockets: Set<Socket>;
}

let serverPromise: Promise<MediaServer> | undefined;
const token = randomBytes(12).toString("hex");

function handle(files: Map<string, string>, request: IncomingMessage, response: ServerResponse): void {
  response.setHeader("Access-Control-Allow-Origin", "*");
  response.setHeader("Access-Control-Allow-Headers", "Range");
  response.setHeader("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges");
  if (request.method === "OPTIONS") {
    response.writeHead(204).end();
    return;
  }
  let path: string | undefined;
  try {
    path = files.get(decodeURIComponent((request.url ?? "").split("?")[0]!));
  } catch {
    path = undefined;
  }
  if (!path || (request.method !== "GET" && request.method !== "HEAD")) {
    response.writeHead(404).end();
    return;
  }
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    response.writeHead(404).end();
    return;
  }
  const headers: Record<string, string | number> = {
    "Content-Type": CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream",
    "Accept-Ranges": "bytes",
  };
  let start = 0;
  let end = size - 1;
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
  if (range && (range[1] || range[2])) {
    if (range[1]) {
      start = Number(range[1]);
      if (range[2]) end = Math.min(Number(range[2]), size - 1);
    } else {
      start = Math.max(0, size - Number(range[2]));
    }
    if (start > end || start >= size) {
      response.writeHead(416, { "Content-Range": `bytes */${size}` }).end();
      return;
    }
    response.writeHead(206, {
      ...headers,
      "Content-Range": `bytes ${start}-${end}/${size}`,
      "Content-Length": end - start + 1,
    });
  } else {
    response.writeHead(200, { ...headers, "Content-Length": size });
  }
  if (request.method === "HEAD" || size === 0) {
    response.end();
    return;
  }
  const stream = createReadStream(path, { start, end });
  stream.on("error", () => response.destroy());
  response.on("close", () => stream.destroy());
  stream.pipe(response);
}

function startServer(): Promise<MediaServer> {
  return new Promise((resolvePromise, reject) => {
    const files = new Map<string, string>();
    const sockets = new Set<Socket>();
    const server = createServer((request, response) => handle(files, request, response));
    server.on("connection", (socket) => {
      socket.unref();
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    });
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      server.unref();
      resolvePromise({ server, port: (server.address() as AddressInfo).port, files, sockets });
    });
  });
}

/** An http://127.0.0.1 URL for a local file, valid for the life of this process. */
export async function serveMediaFile(path: string): Promise<string> {
  serverPromise ??= startServer();
  const media = await serverPromise;
  const absolute = resolve(path);
  const url = (key: string) =>
    `http://127.0.0.1:${media.port}${key.split("/").map(encodeURIComponent).join("/")}`;
  for (const [key, file] of media.files) if (file === absolute) return url(key);
  // Keys are decoded paths; requests are decoded before the lookup.
  const key = `/${token}/${media.files.size}/${basename(absolute)}`;
  media.files.set(key, absolute);
  return url(key);
}

/** Stops the server (tests; the CLI just exits). */
export async function closeMediaServer(): Promise<void> {
  if (!serverPromise) return;
  const media = await serverPromise;
  serverPromise = undefined;
  for (const socket of media.sockets) socket.destroy();
  await new Promise<void>((done) => media.server.close(() => done()));
}
