// Draws the caption page on screen at a source time, current word highlighted, inside the platform safe area.
// The fonts come from @fontsource (bundled woff2 files), so rendering needs no network; rendering waits for them:
// Inter, then Noto Sans JP (Japanese, variable weight) and Noto Color Emoji for what Inter lacks.
import "@fontsource/inter/600.css";
import "@fontsource/inter/700.css";
import "@fontsource/inter/800.css";
import "@fontsource/inter/900.css";
import "@fontsource-variable/noto-sans-jp/wght.css";
import "@fontsource/noto-color-emoji/emoji.css";
import { useEffect, useMemo, useState } from "react";
import { cancelRender, continueRender, delayRender } from "remotion";
import type { CaptionPage } from "./build-caption-pages";
import { fitCaptionPage, MIN_CAPTION_FONT_SCALE } from "./fit-caption-page";
import type { CaptionStyle } from "./resolve-caption-style";

/** The caption font chain: each family draws the characters the ones before it lack. */
export const CAPTION_FONT_FAMILIES = ["Inter", "Noto Sans JP Variable", "Noto Color Emoji"] as const;
export const CAPTION_FONT_FAMILY = `${CAPTION_FONT_FAMILIES.map((f) => `"${f}"`).join(", ")}, sans-serif`;
const LINE_HEIGHT = 1.15;

export interface CaptionOverlayProps {
  pages: CaptionPage[];
  /** Source time now, ms. */
  timeMs: number;
  style: CaptionStyle;
  output: { width: number; height: number };
  /** Centre the page on this output y instead of the style's position (e.g. the seam of a split screen). */
  centerY?: number;
}

/** Loads the fonts the captions need; true once they are loaded (text is measured with them). */
function useFont(pages: CaptionPage[], style: CaptionStyle, fontSize: number): boolean {
  const [handle] = useState(() => delayRender("Loading the caption fonts"));
  const [ready, setReady] = useState(false);
  useEffect(() => {
    // Load the unicode-range files that the captions' characters need, at the weight drawn, in every family.
    const text =
      [...new Set(pages.flatMap((p) => [...(style.uppercase ? p.text.toUpperCase() : p.text)]))].join("") ||
      "A";
    // The emoji face has no unicode-range (one 5.8 MB file): fetch it only for captions that hold an emoji.
    const families = CAPTION_FONT_FAMILIES.filter(
      (family) => family !== "Noto Color Emoji" || /\p{Extended_Pictographic}/u.test(text),
    );
    Promise.all(
      families.map((family) => document.fonts.load(`${style.fontWeight} ${fontSize}px "${family}"`, text)),
    )
      .then(() => {
        setReady(true);
        continueRender(handle);
      })
      .catch((error: unknown) => cancelRender(error));
    // Once per mount: later prop edits in Studio re-mount the composition.
  }, []);
  return ready;
}

let measureContext: CanvasRenderingContext2D | null | undefined;

/** Text width in px with the caption font at `fontSize` (a rough estimate where there is no canvas). */
function measureCaptionText(text: string, fontWeight: string, fontSize: number): number {
  measureContext ??=
    typeof document === "undefined" ? null : document.createElement("canvas").getContext("2d");
  if (!measureContext) return [...text].length * fontSize * 0.7;
  measureContext.font = `${fontWeight} ${fontSize}px ${CAPTION_FONT_FAMILY}`;
  return measureContext.measureText(text).width;
}

export function CaptionOverlay(props: CaptionOverlayProps) {
  const { pages, timeMs, style, output } = props;
  const preferredFontSize = style.fontSizeFractionOfWidth * output.width;
  const fontsReady = useFont(pages, style, preferredFontSize);
  const page = pages.find((p) => timeMs >= p.startMs && timeMs < p.endMs);
  const safe = style.safeArea;
  const left = safe.left * output.width;
  const width = (1 - safe.left - safe.right) * output.width;
  const top = safe.top * output.height;
  const height = (1 - safe.top - safe.bottom) * output.height;
  const centerY = props.centerY ?? top + style.verticalPosition * height;
  const padded = style.backgroundColor !== "transparent";
  // Fit the page into its box: the safe area's width, and a band centred on centerY that stays in the safe area.
  const fitted = useMemo(() => {
    if (!page) return null;
    const stroke = style.strokeFractionOfFont * preferredFontSize;
    return fitCaptionPage({
      words: page.tokens.map((t) => (style.uppercase ? t.text.toUpperCase() : t.text)),
      fontSize: preferredFontSize,
      minFontSize: MIN_CAPTION_FONT_SCALE * preferredFontSize,
      // Padding and the outline (half of it outside each glyph) take room too; 2 % for rounding.
      maxWidth: 0.98 * (width - (padded ? 0.6 * preferredFontSize : 0) - stroke),
      maxHeight:
        2 * Math.max(0, Math.min(centerY - top, top + height - centerY)) -
        (padded ? 0.3 * preferredFontSize : 0) -
        stroke,
      lineHeight: LINE_HEIGHT,
      measure: (text) => measureCaptionText(text, style.fontWeight, preferredFontSize),
    });
  }, [page, style, preferredFontSize, width, height, top, centerY, padded, fontsReady]);
  if (!page || !fitted) return null;
  // The current word: being spoken, else the last one started (keeps the highlight through short gaps).
  let current = -1;
  page.tokens.forEach((token, i) => {
    if (timeMs >= token.fromMs) current = i;
  });
  const fontSize = fitted.fontSize;
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
          fontFamily: CAPTION_FONT_FAMILY,
          fontWeight: Number(style.fontWeight),
          fontSize,
          lineHeight: LINE_HEIGHT,
          textAlign: "center",
          color: style.textColor,
          backgroundColor: style.backgroundColor,
          padding: padded ? `${0.15 * fontSize}px ${0.3 * fontSize}px` : 0,
          borderRadius: 0.2 * fontSize,
          WebkitTextStroke: `${stroke}px ${style.strokeColor}`,
          paintOrder: "stroke fill",
          textShadow: `0 ${0.06 * fontSize}px ${0.12 * fontSize}px rgba(0,0,0,0.45)`,
          maxWidth: width,
        }}
      >
        {fitted.lines.map((line, l) => (
          <div key={l} style={{ whiteSpace: "nowrap" }}>
            {line.map((piece, i) => (
              <span key={i} style={{ color: piece.word === current ? style.highlightColor : undefined }}>
                {i > 0 ? " " : ""}
                {piece.text}
              </span>
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}
