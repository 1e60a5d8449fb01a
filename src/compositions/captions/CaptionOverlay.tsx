// Draws the caption page on screen at a source time, current word highlighted, inside the platform safe area.
// Inter comes from @fontsource (bundled woff2 files), so rendering needs no network; rendering waits for it.
import "@fontsource/inter/600.css";
import "@fontsource/inter/700.css";
import "@fontsource/inter/800.css";
import "@fontsource/inter/900.css";
import { useEffect, useState } from "react";
import { cancelRender, continueRender, delayRender } from "remotion";
import type { CaptionPage } from "./build-caption-pages";
import type { CaptionStyle } from "./resolve-caption-style";

export interface CaptionOverlayProps {
  pages: CaptionPage[];
  /** Source time now, ms. */
  timeMs: number;
  style: CaptionStyle;
  output: { width: number; height: number };
  /** Centre the page on this output y instead of the style's position (e.g. the seam of a split screen). */
  centerY?: number;
}

function useFont(pages: CaptionPage[], style: CaptionStyle, fontSize: number) {
  const [handle] = useState(() => delayRender("Loading Inter for captions"));
  useEffect(() => {
    // Load the unicode-range files that the captions' characters need, at the weights drawn.
    const text =
      [...new Set(pages.flatMap((p) => [...(style.uppercase ? p.text.toUpperCase() : p.text)]))].join("") ||
      "A";
    Promise.all([document.fonts.load(`${style.fontWeight} ${fontSize}px Inter`, text)])
      .then(() => continueRender(handle))
      .catch((error: unknown) => cancelRender(error));
    // Once per mount: later prop edits in Studio re-mount the composition.
  }, []);
}

export function CaptionOverlay(props: CaptionOverlayProps) {
  const { pages, timeMs, style, output } = props;
  const fontSize = style.fontSizeFractionOfWidth * output.width;
  useFont(pages, style, fontSize);
  const page = pages.find((p) => timeMs >= p.startMs && timeMs < p.endMs);
  if (!page) return null;
  // The current word: being spoken, else the last one started (keeps the highlight through short gaps).
  let current = -1;
  page.tokens.forEach((token, i) => {
    if (timeMs >= token.fromMs) current = i;
  });
  const safe = style.safeArea;
  const left = safe.left * output.width;
  const width = (1 - safe.left - safe.right) * output.width;
  const top = safe.top * output.height;
  const height = (1 - safe.top - safe.bottom) * output.height;
  const centerY = props.centerY ?? top + style.verticalPosition * height;
  // Pop in: 0.9 -> 1 over the page's first 120 ms.
  const scale = 0.9 + 0.1 * Math.min(1, Math.max(0, (timeMs - page.startMs) / 120));
  const stroke = style.strokeFractionOfFont * fontSize;
  return (
    <div
      style={{
        position: "absolute",
        left,
        width,
        top: centerY,
        transform: `translateY(-50%) scale(${scale})`,
        display: "flex",
        justifyContent: "center",
      }}
    >
      <div
        data-caption-page={page.text}
        style={{
          fontFamily: "Inter, sans-serif",
          fontWeight: Number(style.fontWeight),
          fontSize,
          lineHeight: 1.15,
          textAlign: "center",
          textTransform: style.uppercase ? "uppercase" : "none",
          color: style.textColor,
          backgroundColor: style.backgroundColor,
          padding: style.backgroundColor === "transparent" ? 0 : `${0.15 * fontSize}px ${0.3 * fontSize}px`,
          borderRadius: 0.2 * fontSize,
          WebkitTextStroke: `${stroke}px ${style.strokeColor}`,
          paintOrder: "stroke fill",
          textShadow: `0 ${0.06 * fontSize}px ${0.12 * fontSize}px rgba(0,0,0,0.45)`,
          overflowWrap: "break-word",
          maxWidth: width,
        }}
      >
        {page.tokens.map((token, i) => (
          <span key={i} style={{ color: i === current ? style.highlightColor : undefined }}>
            {i > 0 ? " " : ""}
            {token.text}
          </span>
        ))}
      </div>
    </div>
  );
}
