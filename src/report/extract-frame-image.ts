// One video frame as a JPEG data URL (Remotion's bundled ffmpeg), for report previews; null past the end.
import { execa } from "execa";
import { fileInputUrl, resolveBinaries } from "../analysis/ffmpeg";

export async function extractFrameImage(input: {
  video: string;
  seconds: number;
  /** Width of the image in px (height keeps the aspect). */
  widthPx: number;
  signal?: AbortSignal;
}): Promise<string | null> {
  const { ffmpeg, env } = resolveBinaries();
  const { stdout } = await execa(
    ffmpeg,
    [
      ...[
        "-hide_banner",
        "-v",
        "error",
        "-ss",
        Math.max(0, input.seconds).toFixed(3),
        "-i",
        fileInputUrl(input.video),
      ],
      ...[
        "-frames:v",
        "1",
        "-vf",
        `scale=${input.widthPx}:-2`,
        "-f",
        "image2pipe",
        "-c:v",
        "mjpeg",
        "-q:v",
        "4",
        "pipe:1",
      ],
    ],
    { env: { ...process.env, ...env }, encoding: "buffer", cancelSignal: input.signal, stdin: "ignore" },
  );
  // Past the end ffmpeg writes nothing.
  if (stdout.length === 0) return null;
  return `data:image/jpeg;base64,${Buffer.from(stdout).toString("base64")}`;
}
