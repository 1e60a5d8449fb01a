// A self-contained HTML report of a timeline (inline SVG and CSS, no scripts, no network): per-track speaking
// score curves with the threshold, the active-speaker band, shot cuts, and the camera path (window centre and
// width over time) of a plan; optionally preview frames: the source with face boxes and the camera window beside
// the rendered short. Pure: frames arrive as data URLs.
import type { CameraPlan } from "../compositions/camera/camera-types";
import type { CameraMetrics } from "../compositions/camera/camera-metrics";
import type { Timeline } from "../timeline/timeline-schema";

export interface ReportPreviewFrame {
  /** Source time of the frame. */
  sourceSeconds: number;
  /** Source frame (JPEG/PNG data URL). */
  sourceImage: string;
  /** The short's frame at the same source time, if a render exists. */
  outputImage?: string | null;
}

export interface BuildReportHtmlInput {
  timeline: Timeline;
  /** A camera plan over the timeline (drawn as the camera path); null to leave it out. */
  plan: CameraPlan | null;
  metrics?: CameraMetrics | null;
  title?: string;
  frames?: ReportPreviewFrame[];
}

export interface ReportHtml {
  html: string;
  /** Page size in CSS px (the PNG screenshot size). */
  widthPx: number;
  heightPx: number;
}

export const REPORT_WIDTH_PX = 1200;
const PAD_LEFT = 70;
const PAD_RIGHT = 20;
const PLOT_WIDTH = REPORT_WIDTH_PX - 40 - PAD_LEFT - PAD_RIGHT;
const MAX_POINTS = 1500;
const SCORE_LIMIT = 6;
const PALETTE = [
  "#e6194b",
  "#3cb44b",
  "#4363d8",
  "#f58231",
  "#911eb4",
  "#42d4f4",
  "#f032e6",
  "#9a6324",
  "#469990",
  "#808000",
];

const color = (trackId: number) => PALETTE[trackId % PALETTE.length]!;
const esc = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const f1 = (v: number) => (Math.round(v * 10) / 10).toString();

interface Axis {
  seconds: number;
  x: (seconds: number) => number;
}

function timeTicks(axis: Axis, top: number, height: number): string {
  const step = niceStep(axis.seconds / 10);
  const out: string[] = [];
  for (let t = 0; t <= axis.seconds + 1e-9; t += step) {
    const x = axis.x(t);
    out.push(`<line x1="${f1(x)}" x2="${f1(x)}" y1="${top}" y2="${top + height}" class="grid"/>`);
    out.push(
      `<text x="${f1(x)}" y="${top + height + 14}" class="tick" text-anchor="middle">${formatSeconds(t)}</text>`,
    );
  }
  return out.join("");
}

function niceStep(raw: number): number {
  const steps = [0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  return steps.find((s) => s >= raw) ?? 7200;
}

function formatSeconds(t: number): string {
  if (t < 60) return `${Math.round(t * 10) / 10}s`;
  const m = Math.floor(t / 60);
  const s = Math.round(t - m * 60);
  return `${m}:${String(s).padStart(2, "0")}`;
}

function shotLines(timeline: Timeline, axis: Axis, top: number, height: number): string {
  const fps = timeline.analysis.fps;
  return timeline.shots
    .slice(1)
    .map((shot) => {
      const x = axis.x(shot.startFrame / fps);
      return `<line x1="${f1(x)}" x2="${f1(x)}" y1="${top}" y2="${top + height}" class="cut"><title>shot cut at ${formatSeconds(shot.startFrame / fps)}</title></line>`;
    })
    .join("");
}

/** Polyline paths of (frame, value|null) with gaps where the value is null, decimated to MAX_POINTS. */
function seriesPath(
  values: (number | null)[],
  startFrame: number,
  fps: number,
  axis: Axis,
  y: (v: number) => number,
): string {
  const stride = Math.max(1, Math.ceil(values.length / MAX_POINTS));
  let d = "";
  let pen = false;
  for (let i = 0; i < values.length; i += stride) {
    const v = values[i];
    if (v === null || v === undefined) {
      pen = false;
      continue;
    }
    d += `${pen ? "L" : "M"}${f1(axis.x((startFrame + i + 0.5) / fps))} ${f1(y(v))}`;
    pen = true;
  }
  return d;
}

function scoresChart(timeline: Timeline, axis: Axis, top: number): { svg: string; height: number } {
  const height = 170;
  const fps = timeline.analysis.fps;
  const y = (v: number) =>
    top + height / 2 - (Math.max(-SCORE_LIMIT, Math.min(SCORE_LIMIT, v)) / SCORE_LIMIT) * (height / 2);
  const threshold = timeline.analysis.speakingThreshold;
  const paths = timeline.tracks
    .map((track) => {
      const d = seriesPath(track.scores, track.startFrame, fps, axis, y);
      return d
        ? `<path d="${d}" stroke="${color(track.id)}" class="series"><title>track ${track.id}</title></path>`
        : "";
    })
    .join("");
  const svg = [
    `<text x="10" y="${top - 8}" class="label">speaking score per face track (logit, clipped to ±${SCORE_LIMIT}); dashed: threshold ${threshold}</text>`,
    `<rect x="${PAD_LEFT}" y="${top}" width="${PLOT_WIDTH}" height="${height}" class="frame"/>`,
    timeTicks(axis, top, height),
    `<line x1="${PAD_LEFT}" x2="${PAD_LEFT + PLOT_WIDTH}" y1="${f1(y(threshold))}" y2="${f1(y(threshold))}" class="threshold"/>`,
    `<text x="${PAD_LEFT - 6}" y="${f1(y(SCORE_LIMIT) + 4)}" class="tick" text-anchor="end">+${SCORE_LIMIT}</text>`,
    `<text x="${PAD_LEFT - 6}" y="${f1(y(0) + 4)}" class="tick" text-anchor="end">0</text>`,
    `<text x="${PAD_LEFT - 6}" y="${f1(y(-SCORE_LIMIT))}" class="tick" text-anchor="end">-${SCORE_LIMIT}</text>`,
    paths,
    shotLines(timeline, axis, top, height),
  ].join("");
  return { svg, height: height + 24 };
}

function speakerBand(timeline: Timeline, axis: Axis, top: number): { svg: string; height: number } {
  const height = 26;
  const fps = timeline.analysis.fps;
  const runs: string[] = [];
  let start = 0;
  const active = timeline.activeSpeaker;
  for (let f = 1; f <= active.length; f++) {
    if (f < active.length && active[f] === active[start]) continue;
    const id = active[start]!;
    if (id >= 0) {
      const x0 = axis.x(start / fps);
      const x1 = axis.x(f / fps);
      runs.push(
        `<rect x="${f1(x0)}" y="${top}" width="${f1(Math.max(0.5, x1 - x0))}" height="${height}" fill="${color(id)}"><title>track ${id} speaks ${formatSeconds(start / fps)}–${formatSeconds(f / fps)}</title></rect>`,
      );
    }
    start = f;
  }
  const svg = [
    `<text x="10" y="${top - 8}" class="label">active speaker (empty: nobody speaks); red lines: shot cuts</text>`,
    `<rect x="${PAD_LEFT}" y="${top}" width="${PLOT_WIDTH}" height="${height}" class="frame"/>`,
    runs.join(""),
    shotLines(timeline, axis, top, height),
  ].join("");
  return { svg, height: height + 10 };
}

function cameraChart(
  timeline: Timeline,
  plan: CameraPlan,
  axis: Axis,
  top: number,
): { svg: string; height: number } {
  const height = 190;
  const sourceWidth = timeline.source.width;
  const fps = timeline.analysis.fps;
  const y = (sourceX: number) =>
    top + ((Math.max(-0.25, Math.min(1.25, sourceX / sourceWidth)) + 0.25) / 1.5) * height;
  // Face centres (thin) for reference, then the window (band from left to right edge) and its centre (thick).
  const faces = timeline.tracks
    .map((track) => {
      const centers: number[] = [];
      for (let i = 0; i < track.frameCount; i++)
        centers.push(track.boxes[4 * i]! + track.boxes[4 * i + 2]! / 2);
      const d = seriesPath(centers, track.startFrame, fps, axis, y);
      return `<path d="${d}" stroke="${color(track.id)}" class="face"><title>face centre, track ${track.id}</title></path>`;
    })
    .join("");
  const stride = Math.max(1, Math.ceil(plan.frames.length / MAX_POINTS));
  const sampled = plan.frames.filter((_, i) => i % stride === 0);
  const upper = sampled.map((fr) => `${f1(axis.x(fr.sourceSeconds))} ${f1(y(fr.window.x))}`);
  const lower = sampled
    .map((fr) => `${f1(axis.x(fr.sourceSeconds))} ${f1(y(fr.window.x + fr.window.width))}`)
    .reverse();
  const band = sampled.length ? `<path d="M${upper.join("L")}L${lower.join("L")}Z" class="window"/>` : "";
  const centre = sampled.length
    ? `<path d="M${sampled.map((fr) => `${f1(axis.x(fr.sourceSeconds))} ${f1(y(fr.window.x + fr.window.width / 2))}`).join("L")}" class="camera"/>`
    : "";
  const splits = sampled
    .filter((fr) => fr.layout === "split" && fr.lowerWindow)
    .map(
      (fr) =>
        `<circle cx="${f1(axis.x(fr.sourceSeconds))}" cy="${f1(y(fr.lowerWindow!.x + fr.lowerWindow!.width / 2))}" r="1.2" class="split"/>`,
    )
    .join("");
  const cuts = plan.events
    .filter((e) => e.type === "cut")
    .map((e) => {
      const x = axis.x(e.startSeconds);
      return `<path d="M${f1(x - 4)} ${top - 2}L${f1(x + 4)} ${top - 2}L${f1(x)} ${top + 5}Z" class="cutmark"><title>camera cut at ${formatSeconds(e.startSeconds)}: ${esc(e.reason)}</title></path>`;
    })
    .join("");
  const svg = [
    `<text x="10" y="${top - 8}" class="label">camera path: crop window across the source width (band), its centre (black), face centres (thin), ▼ camera cuts; ${plan.output.width}x${plan.output.height}</text>`,
    `<rect x="${PAD_LEFT}" y="${top}" width="${PLOT_WIDTH}" height="${height}" class="frame"/>`,
    timeTicks(axis, top, height),
    `<line x1="${PAD_LEFT}" x2="${PAD_LEFT + PLOT_WIDTH}" y1="${f1(y(0))}" y2="${f1(y(0))}" class="edge"/>`,
    `<line x1="${PAD_LEFT}" x2="${PAD_LEFT + PLOT_WIDTH}" y1="${f1(y(sourceWidth))}" y2="${f1(y(sourceWidth))}" class="edge"/>`,
    `<text x="${PAD_LEFT - 6}" y="${f1(y(0) + 4)}" class="tick" text-anchor="end">x=0</text>`,
    `<text x="${PAD_LEFT - 6}" y="${f1(y(sourceWidth) + 4)}" class="tick" text-anchor="end">x=${sourceWidth}</text>`,
    band,
    faces,
    centre,
    splits,
    cuts,
    shotLines(timeline, axis, top, height),
  ].join("");
  return { svg, height: height + 24 };
}

function frameCard(frame: ReportPreviewFrame, timeline: Timeline, plan: CameraPlan | null): string {
  const { width, height } = timeline.source;
  const fps = timeline.analysis.fps;
  const analysisFrame = Math.min(timeline.analysis.frameCount - 1, Math.floor(frame.sourceSeconds * fps));
  const speaker = timeline.activeSpeaker[analysisFrame] ?? -1;
  const boxes = timeline.tracks
    .filter((t) => analysisFrame >= t.startFrame && analysisFrame < t.startFrame + t.frameCount)
    .map((t) => {
      const i = analysisFrame - t.startFrame;
      const [x, y, w, h] = t.boxes.slice(4 * i, 4 * i + 4) as [number, number, number, number];
      const score = t.scores[i];
      return `<rect x="${f1(x)}" y="${f1(y)}" width="${f1(w)}" height="${f1(h)}" fill="none" stroke="${color(t.id)}" stroke-width="${t.id === speaker ? 8 : 3}"/><text x="${f1(x)}" y="${f1(Math.max(24, y - 8))}" fill="${color(t.id)}" font-size="${Math.round(height / 18)}" font-weight="700">#${t.id}${score !== null && score !== undefined ? ` ${score.toFixed(1)}` : ""}</text>`;
    })
    .join("");
  let windows = "";
  if (plan) {
    const index = Math.max(
      0,
      Math.min(
        plan.frames.length - 1,
        Math.round((frame.sourceSeconds - plan.range.startSeconds) * plan.fps),
      ),
    );
    const fr = plan.frames[index];
    for (const w of fr ? [fr.window, fr.lowerWindow] : []) {
      if (w)
        windows += `<rect x="${f1(w.x)}" y="${f1(w.y)}" width="${f1(w.width)}" height="${f1(w.height)}" fill="none" stroke="#fff" stroke-width="5" stroke-dasharray="18 10"/>`;
    }
  }
  const sourceSvg = `<svg viewBox="0 0 ${width} ${height}" class="source"><image href="${frame.sourceImage}" width="${width}" height="${height}"/>${boxes}${windows}</svg>`;
  const output = frame.outputImage ? `<img src="${frame.outputImage}" class="short" alt="short"/>` : "";
  return `<figure>${sourceSvg}${output}<figcaption>${formatSeconds(frame.sourceSeconds)} · ${speaker >= 0 ? `track ${speaker} speaks` : "nobody speaks"}</figcaption></figure>`;
}

export function buildReportHtml(input: BuildReportHtmlInput): ReportHtml {
  const { timeline, plan } = input;
  const fps = timeline.analysis.fps;
  const seconds = Math.max(1 / fps, timeline.analysis.frameCount / fps);
  const axis: Axis = { seconds, x: (t) => PAD_LEFT + (t / seconds) * PLOT_WIDTH };
  const parts: string[] = [];
  let y = 34;
  const scores = scoresChart(timeline, axis, y);
  parts.push(scores.svg);
  y += scores.height + 30;
  const band = speakerBand(timeline, axis, y);
  parts.push(band.svg);
  y += band.height + 30;
  if (plan) {
    const camera = cameraChart(timeline, plan, axis, y);
    parts.push(camera.svg);
    y += camera.height + 10;
  }
  const personOf = new Map<number, number>();
  for (const person of timeline.people ?? []) for (const l of person.tracks) personOf.set(l.track, person.id);
  const legend = timeline.tracks
    .map(
      (t) =>
        `<span><i style="background:${color(t.id)}"></i>track ${t.id}${personOf.has(t.id) ? ` = P${personOf.get(t.id)}` : ""} (${formatSeconds(t.startFrame / fps)}–${formatSeconds((t.startFrame + t.frameCount) / fps)})</span>`,
    )
    .join("");
  // People: each person's tracks with the confidence of each link (linkPeople).
  const peopleLine = timeline.people?.length
    ? `${timeline.people.length} people: ${timeline.people
        .map(
          (p) =>
            `P${p.id} = track${p.tracks.length > 1 ? "s" : ""} ${p.tracks
              .map((l) => (p.tracks.length > 1 ? `${l.track} (${l.confidence.toFixed(2)})` : `${l.track}`))
              .join(", ")}`,
        )
        .join("; ")}`
    : "";
  const svgHeight = y;
  const src = timeline.source;
  const m = input.metrics;
  const facts = [
    `${src.width}x${src.height}`,
    `${formatSeconds(src.durationSeconds)}`,
    `${timeline.analysis.frameCount} analysis frames @ ${fps} fps`,
    `${timeline.shots.length} shot(s)`,
    `${timeline.tracks.length} face track(s)`,
    `ASD ${timeline.analysis.asd.model} on ${timeline.analysis.device}`,
    ...(timeline.analysis.fallbacks.length ? [`fallbacks: ${timeline.analysis.fallbacks.join(", ")}`] : []),
  ];
  const metricsLine = m
    ? `camera: speaker's face inside the window ${(100 * m.speakerInsideFraction).toFixed(1)}% of speaking time, ${m.switches} switch(es) (${m.switchesPerMinute.toFixed(1)}/min), ${m.shotCuts} shot cut(s)`
    : "";
  const frames = input.frames ?? [];
  const withShorts = frames.some((f) => f.outputImage);
  // Frames wrap in rows: 6 source frames per row, or 3 source + short pairs side by side.
  const perRow = withShorts ? 3 : 6;
  const sourceWidthPx = withShorts ? 262 : 180;
  const sourceHeightPx = Math.round((sourceWidthPx * src.height) / src.width);
  const rowHeightPx = sourceHeightPx + 30;
  const framesHtml = frames.length
    ? `<section class="frames">${frames.map((fr) => frameCard(fr, timeline, plan)).join("")}</section>`
    : "";
  const framesHeight = frames.length ? Math.ceil(frames.length / perRow) * rowHeightPx + 16 : 0;
  const heightPx = Math.ceil(
    32 +
      30 +
      22 +
      (metricsLine ? 22 : 0) +
      (peopleLine ? 22 * Math.ceil(peopleLine.length / 160) : 0) +
      framesHeight +
      svgHeight +
      26 * Math.ceil(timeline.tracks.length / 5) +
      12,
  );
  const html = `<!doctype html>
<html><head><meta charset="utf-8"><title>${esc(input.title ?? "speakerframe report")}</title>
<style>
body{margin:0;padding:16px 20px;width:${REPORT_WIDTH_PX - 40}px;font:13px/1.4 system-ui,sans-serif;color:#222;background:#fff}
h1{font-size:18px;margin:0 0 4px}
p{margin:0 0 6px;color:#555}
.frames{display:flex;flex-wrap:wrap;gap:8px 10px;margin:8px 0}
figure{margin:0;display:flex;gap:4px;flex-wrap:wrap;align-items:flex-start;width:${withShorts ? 370 : 180}px;height:${rowHeightPx - 8}px}
figure svg.source{width:${sourceWidthPx}px;height:${sourceHeightPx}px;background:#000}
figure img.short{height:${sourceHeightPx}px;width:auto;background:#000}
figcaption{width:100%;font-size:11px;color:#555}
svg.charts{display:block}
.label{font-size:12px;fill:#333}
.tick{font-size:10px;fill:#666}
.grid{stroke:#eee}
.frame{fill:none;stroke:#bbb}
.cut{stroke:#d00;stroke-width:1.5;stroke-dasharray:4 3}
.threshold{stroke:#555;stroke-dasharray:5 4}
.series{fill:none;stroke-width:1.6}
.face{fill:none;stroke-width:1;opacity:.7}
.window{fill:#4363d8;opacity:.15;stroke:none}
.camera{fill:none;stroke:#000;stroke-width:2}
.split{fill:#000}
.edge{stroke:#999;stroke-dasharray:2 3}
.cutmark{fill:#000}
.legend span{margin-right:14px;white-space:nowrap;display:inline-block}
.legend i{display:inline-block;width:10px;height:10px;margin-right:4px;vertical-align:middle}
</style></head><body>
<h1>${esc(input.title ?? src.path)}</h1>
<p>${esc(facts.join(" · "))}</p>
${metricsLine ? `<p>${esc(metricsLine)}</p>` : ""}
${peopleLine ? `<p class="people">${esc(peopleLine)}</p>` : ""}
${framesHtml}
<svg class="charts" width="${REPORT_WIDTH_PX - 40}" height="${svgHeight}" xmlns="http://www.w3.org/2000/svg">${parts.join("")}</svg>
<div class="legend">${legend}</div>
</body></html>
`;
  return { html, widthPx: REPORT_WIDTH_PX, heightPx };
}
