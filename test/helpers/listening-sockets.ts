// The TCP sockets a process tree listens on, from /proc: each process's socket inodes (fd links) matched against
// the LISTEN rows of /proc/<pid>/net/tcp and tcp6. Addresses come back as text ("127.0.0.1:3000", "[::]:3000").
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { descendantPids } from "../../src/render/install-process-cleanup";

export interface ListeningSocket {
  pid: number;
  address: string;
  loopback: boolean;
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  return inodes;
}

function decodeAddress(hex: string, v6: boolean): { text: string; loopback: boolean } {
  const [ip, portHex] = hex.split(":") as [string, string];
  const port = parseInt(portHex, 16);
  if (!v6) {
    const bytes = Buffer.from(ip, "hex").reverse();
    return { text: `${[...bytes].join(".")}:${port}`, loopback: bytes[0] === 127 };
  }
  // Four little-endian 32-bit words.
  const bytes = Buffer.alloc(16);
  for (let w = 0; w < 4; w++)
    Buffer.from(ip.slice(8 * w, 8 * w + 8), "hex")
      .reverse()
      .copy(bytes, 4 * w);
  const groups = Array.from({ length: 8 }, (_, i) => bytes.readUInt16BE(2 * i).toString(16));
  const isV4Mapped = bytes.subarray(0, 10).every((b) => b === 0) && bytes.readUInt16BE(10) === 0xffff;
  const loopback =
    (bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) || (isV4Mapped && bytes[12] === 127);
  return { text: `[${groups.join(":")}]:${port}`, loopback };
}

export function listeningSockets(rootPid: number): ListeningSocket[] {
  const out: ListeningSocket[] = [];
  for (const pid of [rootPid, ...descendantPids(rootPid)]) {
    const inodes = socketInodes(pid);
    if (!inodes.size) continue;
    for (const [file, v6] of [
      ["tcp", false],
      ["tcp6", true],
    ] as const) {
      let rows: string[] = [];
      try {
        rows = readFileSync(`/proc/${pid}/net/${file}`, "utf8").split("\n").slice(1);
      } catch {
        continue;
      }
      for (const row of rows) {
        const cols = row.trim().split(/\s+/);
        if (cols[3] !== "0A" || !inodes.has(cols[9]!)) continue;
        const { text, loopback } = decodeAddress(cols[1]!, v6);
        out.push({ pid, address: text, loopback });
      }
    }
  }
  return out;
}

/** Polls `listeningSockets` every 100 ms until stopped; returns every distinct socket seen. */
export function watchListeningSockets(pid: number): { stop(): ListeningSocket[] } {
  const seen = new Map<string, ListeningSocket>();
  const poll = () => {
    for (const socket of listeningSockets(pid)) seen.set(`${socket.pid} ${socket.address}`, socket);
  };
  const timer = setInterval(poll, 100);
  poll();
  return {
    stop() {
      clearInterval(timer);
      return [...seen.values()];
    },
  };
}
