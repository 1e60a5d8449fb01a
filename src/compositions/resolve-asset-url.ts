// Media and data props are URLs or paths inside Remotion's public folder ("demo/clip.mp4" -> staticFile).
import { staticFile } from "remotion";

export function resolveAssetUrl(pathOrUrl: string): string {
  if (/^(https?:|data:|blob:|file:)/i.test(pathOrUrl) || pathOrUrl.startsWith("/")) return pathOrUrl;
  return staticFile(pathOrUrl);
}
