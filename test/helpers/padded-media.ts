// Clips with padding for the content-region tests, built from ../shared/media with the system ffmpeg (cached in
// .cache/media): a 2x2 video-call grid with gaps and margins, a letterboxed 2.39:1 two-shot, and a vertical clip
// pillarboxed into 16:9. Each comes with its known layout: the tiles in source px, one person per tile.
import { derivedMedia, media } from "./derived-media";

export interface Tile {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PaddedClip {
  name: string;
  path: string;
  width: number;
  height: number;
  /** Picture rectangles; in a grid each holds one person. */
  tiles: Tile[];
  /** Whether each tile is one person's (a grid) or the tiles are one picture (bars only). */
  perPersonTiles: boolean;
}

const ENCODE = ["-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-pix_fmt", "yuv420p"];
const AUDIO = ["-c:a", "aac", "-b:a", "96k", "-ar", "48000"];

/** 1280x720: four talking heads in 620x340 tiles, 12 px gaps, 14 px margins, on dark grey; face_2's voice. */
export function callGridClip(seconds: number): PaddedClip {
  const tiles: Tile[] = [
    { x: 14, y: 14, width: 620, height: 340 },
    { x: 646, y: 14, width: 620, height: 340 },
    { x: 14, y: 366, width: 620, height: 340 },
    { x: 646, y: 366, width: 620, height: 340 },
  ];
  const faces = ["videoretalking_face_2.mp4", "videoretalking_face_1.mp4", "videoretalking_face_3.mp4"];
  faces.push("videoretalking_face_4.mp4");
  const inputs = faces.flatMap((f) => ["-stream_loop", "-1", "-i", media(f)]);
  // Each face scaled to the tile's width and cut to its height around the middle (a call camera's framing).
  const chains = tiles.map(
    (t, i) => `[${i}:v]fps=25,scale=${t.width}:${t.width},crop=${t.width}:${t.height},setsar=1[t${i}]`,
  );
  let last = "[4:v]";
  const overlays = tiles.map((t, i) => {
    const out = i === tiles.length - 1 ? "[v]" : `[o${i}]`;
    const step = `${last}[t${i}]overlay=${t.x}:${t.y}:shortest=1${out}`;
    last = out;
    return step;
  });
  const path = derivedMedia(`call-grid-2x2-${seconds}s.mp4`, [
    ...inputs,
    ...["-f", "lavfi", "-i", `color=c=0x202428:s=1280x720:r=25:d=${seconds}`],
    "-filter_complex",
    [...chains, ...overlays].join(";"),
    ...["-map", "[v]", "-map", "0:a", "-t", String(seconds), ...ENCODE, ...AUDIO],
  ]);
  return { name: "2x2 call grid", path, width: 1280, height: 720, tiles, perPersonTiles: true };
}

/** 1280x720 with a 1280x536 (2.39:1) picture between black bars: two heads side by side; face_2's voice. */
export function letterboxedClip(seconds: number): PaddedClip {
  const tile = { x: 0, y: 92, width: 1280, height: 536 };
  const path = derivedMedia(`letterboxed-239-${seconds}s.mp4`, [
    ...["-stream_loop", "-1", "-i", media("videoretalking_face_2.mp4")],
    ...["-stream_loop", "-1", "-i", media("videoretalking_face_3.mp4")],
    "-filter_complex",
    "[0:v]fps=25,scale=640:640,crop=640:536,setsar=1[a];[1:v]fps=25,scale=640:640,crop=640:536,setsar=1[b];" +
      "[a][b]hstack,pad=1280:720:0:92:black[v]",
    ...["-map", "[v]", "-map", "0:a", "-t", String(seconds), ...ENCODE, ...AUDIO],
  ]);
  return { name: "letterboxed 2.39:1", path, width: 1280, height: 720, tiles: [tile], perPersonTiles: false };
}

/** 1280x720 with a 406x720 vertical phone clip (the Remotion sample: one person) between black side bars. */
export function pillarboxedClip(seconds: number): PaddedClip {
  const tile = { x: 437, y: 0, width: 406, height: 720 };
  const path = derivedMedia(`pillarboxed-vertical-${seconds}s.mp4`, [
    ...["-i", media("remotion_template-tiktok_sample-video.mp4")],
    "-filter_complex",
    "[0:v]fps=25,scale=406:720,setsar=1,pad=1280:720:437:0:black[v]",
    ...["-map", "[v]", "-map", "0:a", "-t", String(seconds), ...ENCODE, ...AUDIO],
  ]);
  return {
    name: "pillarboxed vertical",
    path,
    width: 1280,
    height: 720,
    tiles: [tile],
    perPersonTiles: false,
  };
}
