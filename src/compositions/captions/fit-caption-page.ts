// Lays a caption page out in lines that stay inside its box: a word wider than the box shrinks the page's font (down
// to a floor), a word still too wide at the floor is broken across lines (between graphemes, no hyphen), and a
// page taller than the box shrinks further and, at the floor, is cut with "…". Pure: text widths come from
// `measure` (a canvas in the browser, a fixed advance per character in tests).

export interface FitCaptionPageInput {
  /** The page's words as drawn (already upper-cased when the style says so). */
  words: string[];
  /** Preferred font size, px. */
  fontSize: number;
  /** Smallest font size the page may shrink to, px. */
  minFontSize: number;
  /** Width a line of text may take, px. */
  maxWidth: number;
  /** Height all lines together may take, px. */
  maxHeight: number;
  /** Line height as a multiple of the font size. */
  lineHeight: number;
  /** Width of `text` drawn at `fontSize`, px (widths scale linearly with the size). */
  measure: (text: string) => number;
}

export interface CaptionLinePiece {
  /** Index of the word this piece belongs to (a broken word spans several lines). */
  word: number;
  text: string;
}

export interface FittedCaptionPage {
  fontSize: number;
  lines: CaptionLinePiece[][];
  /** Some words were broken across lines. */
  broken: boolean;
  /** The page did not fit even at the smallest size and ends in "…". */
  truncated: boolean;
}

/** The floor of the shrinking, as a fraction of the preferred size. */
export const MIN_CAPTION_FONT_SCALE = 0.5;

const ELLIPSIS = "…";

function graphemes(text: string): string[] {
  return [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].map((s) => s.segment);
}

export function fitCaptionPage(input: FitCaptionPageInput): FittedCaptionPage {
  const { words, fontSize, lineHeight } = input;
  const minFontSize = Math.min(fontSize, input.minFontSize);
  const maxWidth = Math.max(1, input.maxWidth);
  const cache = new Map<string, number>();
  const widthAt = (text: string, size: number) => {
    let width = cache.get(text);
    if (width === undefined) cache.set(text, (width = input.measure(text)));
    return (width * size) / fontSize;
  };

  const layout = (size: number) => {
    const lines: CaptionLinePiece[][] = [];
    let line: CaptionLinePiece[] = [];
    let lineWidth = 0;
    let broken = false;
    const space = widthAt(" ", size);
    const flush = () => {
      if (line.length) lines.push(line);
      line = [];
      lineWidth = 0;
    };
    words.forEach((text, word) => {
      const width = widthAt(text, size);
      if (width <= maxWidth) {
        if (line.length && lineWidth + space + width > maxWidth) flush();
        lineWidth += (line.length ? space : 0) + width;
        line.push({ word, text });
        return;
      }
      // Wider than a line even at this size: break it between graphemes, each piece as wide as fits.
      broken = true;
      flush();
      let piece = "";
      for (const g of graphemes(text)) {
        if (piece && widthAt(piece + g, size) > maxWidth) {
          line.push({ word, text: piece });
          flush();
          piece = "";
        }
        piece += g;
      }
      line.push({ word, text: piece });
      lineWidth = widthAt(piece, size);
    });
    flush();
    return { lines, broken };
  };

  const widest = Math.max(0, ...words.map((w) => widthAt(w, fontSize)));
  let size = widest > maxWidth ? Math.max(minFontSize, (fontSize * maxWidth) / widest) : fontSize;
  let fitted = layout(size);
  const tooTall = (lines: number, at: number) => lines * at * lineHeight > input.maxHeight + 1e-6;
  while (tooTall(fitted.lines.length, size) && size > minFontSize) {
    size = Math.max(minFontSize, size * 0.92);
    fitted = layout(size);
  }
  if (!tooTall(fitted.lines.length, size)) return { fontSize: size, ...fitted, truncated: false };

  // Still too tall at the floor: keep the lines that fit and end the last one with an ellipsis.
  const keep = Math.max(1, Math.floor(input.maxHeight / (size * lineHeight) + 1e-6));
  const lines = fitted.lines.slice(0, keep);
  const last = lines[keep - 1]!;
  const lineText = () => last.map((p) => p.text).join(" ");
  while (widthAt(lineText() + ELLIPSIS, size) > maxWidth && last.length) {
    const tail = last[last.length - 1]!;
    const chars = graphemes(tail.text);
    if (chars.length <= 1) last.pop();
    else tail.text = chars.slice(0, -1).join("");
  }
  if (last.length) last[last.length - 1] = { ...last[last.length - 1]!, text: last.at(-1)!.text + ELLIPSIS };
  else last.push({ word: fitted.lines[keep - 1]![0]!.word, text: ELLIPSIS });
  return { fontSize: size, lines, broken: fitted.broken, truncated: true };
}
