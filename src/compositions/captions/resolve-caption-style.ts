// Caption style defaults: bold Inter, white with a black outline, current word in yellow, inside the safe area
// that TikTok / Reels / Shorts leave free (their UI covers the bottom ~20% and a right-hand column of buttons).
import type { CaptionStyleProps } from "../speaker-short-schema";

export type CaptionStyle = Required<CaptionStyleProps>;

export const DEFAULT_CAPTION_STYLE: CaptionStyle = {
  enabled: true,
  fontWeight: "800",
  fontSizeFractionOfWidth: 0.075,
  textColor: "#FFFFFF",
  highlightColor: "#FFD84D",
  strokeColor: "#000000",
  strokeFractionOfFont: 0.14,
  backgroundColor: "transparent",
  uppercase: true,
  maxWordsPerPage: 3,
  maxCharsPerPage: 18,
  silenceBreakMs: 600,
  verticalPosition: 0.82,
  safeArea: { top: 0.1, bottom: 0.2, left: 0.06, right: 0.12 },
};

export function resolveCaptionStyle(partial: CaptionStyleProps | undefined): CaptionStyle {
  const style = { ...DEFAULT_CAPTION_STYLE };
  for (const [key, value] of Object.entries(partial ?? {})) {
    if (value !== undefined) (style as Record<string, unknown>)[key] = value;
  }
  return style;
}
