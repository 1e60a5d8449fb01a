// Remotion's servers (the bundle/proxy server of every render on ports 3000-3100, and Studio's) listen on every
// interface ("0.0.0.0" / "::") and @remotion/renderer 4.0 has no option for the host. Anyone on the network could
// then stop a render or make the render host fetch any URL through /proxy, or probe files through Studio's API.
// This makes every TCP server of the process that asks for all interfaces listen on 127.0.0.1 instead, and the
// HTTP ones among them answer only requests addressed to a loopback name (Host and Origin), which also stops DNS
// rebinding from a web page. Installed by the CLI and by remotion.config.ts (Studio, `npx remotion render`).
import { Server as HttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { Server as NetServer, type Socket } from "node:net";

export const LOOPBACK_HOST = "127.0.0.1";
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "", "[::]"]);
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

let installed = false;

export function bindServersToLoopback(): void {
  if (installed) return;
  installed = true;
  const listen = NetServer.prototype.listen;
  NetServer.prototype.listen = function (this: NetServer, ...args: unknown[]) {
    const rebound = loopbackListenArgs(args);
    if (rebound && this instanceof HttpServer) guardRequests(this);
    return (listen as (...a: unknown[]) => NetServer).apply(this, rebound ?? args);
  } as NetServer["listen"];
}

/** `listen` arguments with a wildcard (or missing) host replaced by 127.0.0.1; null for pipes, handles, loopback. */
function loopbackListenArgs(args: unknown[]): unknown[] | null {
  const [first, second, ...rest] = args;
  if (first === undefined || typeof first === "function") return [0, LOOPBACK_HOST, ...args];
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    if (typeof second === "string")
      return WILDCARD_HOSTS.has(second) ? [first, LOOPBACK_HOST, ...rest] : null;
    return [first, LOOPBACK_HOST, ...args.slice(1)];
  }
  if (typeof first === "object" && first !== null) {
    const options = first as { host?: string; path?: string; port?: unknown; fd?: unknown };
    if (options.path !== undefined || options.fd !== undefined || !("port" in options || "host" in options))
      return null;
    if (options.host !== undefined && !WILDCARD_HOSTS.has(options.host)) return null;
    return [{ ...options, host: LOOPBACK_HOST }, ...args.slice(1)];
  }
  return null;
}

function hostName(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname;
  } catch {
    return null;
  }
}

/** A request from this machine's browser or tools: addressed to a loopback name, from a loopback page if any. */
export function isLoopbackRequest(headers: IncomingMessage["headers"]): boolean {
  const host = hostName(headers.host);
  if (!host || !LOOPBACK_NAMES.has(host)) return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  const originHost = hostName(origin);
  return originHost !== null && LOOPBACK_NAMES.has(originHost);
}

function guardRequests(server: HttpServer): void {
  const emit = server.emit;
  server.emit = function (this: HttpServer, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const [request, response] = args as [IncomingMessage, ServerResponse];
      if (!isLoopbackRequest(request.headers)) {
        response.writeHead(403, { "Content-Type": "text/plain" }).end("only local requests are served\n");
        return true;
      }
    } else if (event === "upgrade") {
      const [request, socket] = args as [IncomingMessage, Socket];
      if (!isLoopbackRequest(request.headers)) {
        socket.destroy();
        return true;
      }
    }
    return (emit as (...a: unknown[]) => boolean).call(this, event, ...args);
  } as HttpServer["emit"];
}
