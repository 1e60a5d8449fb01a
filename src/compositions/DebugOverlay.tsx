// Studio aid: face boxes of the visible tracks (framed ones green), the shot's content regions (dashed cyan: the
// picture without bars, or each tile) and the camera's reason for this frame.
import { useMemo } from "react";
import { createFaceLookup } from "./camera/create-face-lookup";
import type { PreparedSpeakerShort } from "./prepare-speaker-short";
import type { Timeline } from "../timeline/timeline-schema";

export function DebugOverlay(props: { prepared: PreparedSpeakerShort; frame: number; timeline: unknown }) {
  const { prepared, frame } = props;
  const lookup = useMemo(() => createFaceLookup(props.timeline as Timeline), [props.timeline]);
  const { plan } = prepared;
  const camera = plan.frames[Math.min(frame, plan.frames.length - 1)]!;
  const analysisFrame = lookup.frameAtSeconds(camera.sourceSeconds);
  const panels =
    camera.layout === "split" && camera.lowerWindow
      ? [
          { window: camera.window, top: 0, height: plan.output.height / 2 },
          { window: camera.lowerWindow, top: plan.output.height / 2, height: plan.output.height / 2 },
        ]
      : [{ window: camera.window, top: 0, height: plan.output.height }];
  const segment = plan.segments[camera.segment]!;
  const fontSize = Math.max(12, plan.output.width * 0.022);
  const regions = lookup.shots[camera.shot]?.contentRegions ?? [];
  return (
    <>
      {panels.map((panel, p) => (
        <div
          key={`regions-${p}`}
          style={{
            position: "absolute",
            left: 0,
            top: panel.top,
            width: plan.output.width,
            height: panel.height,
            overflow: "hidden",
          }}
        >
          {regions.map((region, r) => {
            const scale = plan.output.width / panel.window.width;
            return (
              <div
                key={r}
                data-debug="content-region"
                style={{
                  position: "absolute",
                  left: (region.x - panel.window.x) * scale,
                  top: (region.y - panel.window.y) * scale,
                  width: region.width * scale,
                  height: region.height * scale,
                  border: "3px dashed #3ff",
                  boxSizing: "border-box",
                }}
              />
            );
          })}
        </div>
      ))}
      {panels.flatMap((panel, p) =>
        lookup.tracksAtFrame(analysisFrame).map((id) => {
          const box = lookup.boxAtFrame(id, analysisFrame)!;
          const scale = plan.output.width / panel.window.width;
          return (
            <div
              key={`${p}-${id}`}
              style={{
                position: "absolute",
                left: (box.x - panel.window.x) * scale,
                top: panel.top + (box.y - panel.window.y) * scale,
                width: box.width * scale,
                height: box.height * scale,
                border: `3px solid ${camera.trackIds.includes(id) ? "#3f3" : "#f33"}`,
                color: "white",
                fontSize,
              }}
            >
              {id}
            </div>
          );
        }),
      )}
      <div
        style={{
          position: "absolute",
          left: 8,
          top: 8,
          right: 8,
          color: "white",
          fontFamily: "monospace",
          fontSize,
          background: "rgba(0,0,0,0.6)",
          padding: 6,
        }}
      >
        {camera.sourceSeconds.toFixed(2)} s · {camera.layout} · zoom {camera.window.zoom.toFixed(2)} ·{" "}
        {segment.reason}
      </div>
    </>
  );
}
