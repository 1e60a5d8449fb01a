// Words -> TikTok-style pages of a few words. The page breaks are decided here (word and character limits, silences,
// cue ends, sentence ends, page duration) and handed to @remotion/captions' createTikTokStyleCaptions as
// pageBreakAfter marks, which builds the pages and tokens.
import { createTikTokStyleCaptions, type Caption } from "@remotion/captions";
import type { CaptionWord } from "./caption-word";

export interface CaptionPageToken {
  text: string;
  fromMs: number;
  toMs: number;
}

export interface CaptionPage {
  /** Source milliseconds the page is shown: [startMs, endMs). */
  startMs: number;
  endMs: number;
  text: string;
  tokens: CaptionPageToken[];
}

export interface BuildCaptionPagesInput {
  words: CaptionWord[];
  maxWordsPerPage?: number;
  maxCharsPerPage?: number;
  /** A gap between words at least this long starts a new page, ms. */
  silenceBreakMs?: number;
  /** A page never spans more than this, ms. */
  maxPageMs?: number;
  /** How long the last page stays up after its last word ends (unless the next page starts earlier), ms. */
  holdMs?: number;
}

export function buildCaptionPages(input: BuildCaptionPagesInput): CaptionPage[] {
  const maxWords = input.maxWordsPerPage ?? 3;
  const maxChars = input.maxCharsPerPage ?? 20;
  const silenceBreakMs = input.silenceBreakMs ?? 600;
  const maxPageMs = input.maxPageMs ?? 2500;
  const holdMs = input.holdMs ?? 400;
  const words = input.words.filter((w) => w.text.length > 0);
  if (words.length === 0) return [];

  const breaks = new Array<boolean>(words.length).fill(false);
  let pageStart = 0;
  let chars = 0;
  words.forEach((word, i) => {
    if (i > pageStart) {
      const previous = words[i - 1]!;
      const full =
        i - pageStart >= maxWords ||
        chars + 1 + word.text.length > maxChars ||
        word.startMs - previous.endMs >= silenceBreakMs ||
        word.endMs - words[pageStart]!.startMs > maxPageMs ||
        previous.breakAfter === true ||
        /[.!?…]["»”')\]]*$/u.test(previous.text);
      if (full) {
        breaks[i - 1] = true;
        pageStart = i;
        chars = 0;
      }
    }
    chars += (i > pageStart ? 1 : 0) + word.text.length;
  });

  const captions: Caption[] = words.map((word, i) => ({
    text: i === 0 ? word.text : ` ${word.text}`,
    startMs: word.startMs,
    endMs: word.endMs,
    timestampMs: null,
    confidence: null,
    pageBreakAfter: breaks[i] || undefined,
  }));
  const { pages } = createTikTokStyleCaptions({
    captions,
    // Breaks are all decided above; never merge by duration.
    combineTokensWithinMilliseconds: Number.MAX_SAFE_INTEGER,
  });
  return pages.map((page, i) => {
    const tokens = page.tokens.map((t) => ({ text: t.text.trim(), fromMs: t.fromMs, toMs: t.toMs }));
    const lastEnd = Math.max(...tokens.map((t) => t.toMs));
    const next = pages[i + 1];
    // Pages never overlap: the next page replaces this one.
    const endMs = Math.min(next ? next.startMs : Number.POSITIVE_INFINITY, lastEnd + holdMs);
    return { startMs: page.startMs, endMs, text: tokens.map((t) => t.text).join(" "), tokens };
  });
}
