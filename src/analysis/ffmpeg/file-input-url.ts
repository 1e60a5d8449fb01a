// ffmpeg reads an input argument as a URL when it looks like one: a file named `concat:a.mp4|b.mp4` would read other
// files and `http://host/x.mp4` would make a request. An absolute `file:` URL is always the local file itself.
import { resolve } from "node:path";

export function fileInputUrl(path: string): string {
  return `file:${resolve(path)}`;
}
