// Caption word timing (syllable spreading, word-level JSON) and TikTok-style paging.
import { describe, expect, it } from "vitest";
import { buildCaptionPages } from "../src/compositions/captions/build-caption-pages";
import { countSyllables } from "../src/compositions/captions/count-syllables";
import {
  fitCaptionPage,
  MIN_CAPTION_FONT_SCALE,
  type FitCaptionPageInput,
  type FittedCaptionPage,
} from "../src/compositions/captions/fit-caption-page";
import { parseWordTimings, WordTimingsError } from "../src/compositions/captions/parse-word-timings";
import { spreadCueWords } from "../src/compositions/captions/spread-cue-words";
import { parseSrtCues } from "../src/srt";

describe("word timings", () => {
  it("counts syllables roughly", () => {
    expect(countSyllables("the")).toBe(1);
    expect(countSyllables("make")).toBe(1);
    expect(countSyllables("important")).toBe(3);
    expect(countSyllables("table")).toBe(2);
    expect(countSyllables("42")).toBe(2);
    expect(countSyllables("...")).toBe(0);
    expect(countSyllables("日本語")).toBe(3);
  });

  it("spreads a cue over its words by syllable weight, inside the cue", () => {
    const { cues } = parseSrtCues({
      text: "1\n00:00:10,000 --> 00:00:12,000\n[zoom 1.2] I understand, absolutely.\n",
    });
    const words = spreadCueWords({ cues });
    expect(words.map((w) => w.text)).toEqual(["I", "understand,", "absolutely."]);
    expect(words[0]!.startMs).toBe(10_000);
    expect(words[2]!.endMs).toBeCloseTo(12_000, 6);
    const length = (i: number) => words[i]!.endMs - words[i]!.startMs;
    expect(length(1)).toBeGreaterThan(2 * length(0));
    expect(length(2)).toBeGreaterThan(length(1));
    // A pause follows the comma.
    expect(words[2]!.startMs).toBeGreaterThan(words[1]!.endMs);
    expect(words[2]!.breakAfter).toBe(true);
    // Offset for clip-relative SRTs; overlapping cues are spread over their display time.
    expect(spreadCueWords({ cues, offsetSeconds: 5 })[0]!.startMs).toBe(15_000);
  });

  it("reads Remotion Caption[] (joining sub-word tokens) and whisper JSON", () => {
    const remotion = parseWordTimings([
      { text: "Hel", startMs: 0, endMs: 100, timestampMs: 50, confidence: 1 },
      { text: "lo", startMs: 100, endMs: 200, timestampMs: 150, confidence: 1 },
      { text: " world", startMs: 250, endMs: 600, timestampMs: 400, confidence: 1 },
    ]);
    expect(remotion).toEqual([
      { text: "Hello", startMs: 0, endMs: 200 },
      { text: "world", startMs: 250, endMs: 600 },
    ]);
    const whisper = parseWordTimings({
      segments: [
        { words: [{ word: " Hi", start: 1, end: 1.2 }] },
        { words: [{ word: " there", start: 1.3, end: 1.6 }] },
      ],
    });
    expect(whisper).toEqual([
      { text: "Hi", startMs: 1000, endMs: 1200 },
      { text: "there", startMs: 1300, endMs: 1600 },
    ]);
    expect(
      parseWordTimings({
        word_segments: [
          { word: "a", start: 0, end: 0.1 },
          { word: "b", start: 0.2, end: 0.3 },
        ],
      }),
    ).toHaveLength(2);
    const cpp = parseWordTimings({
      transcription: [
        {
          tokens: [
            { text: "[_BEG_]", offsets: { from: 0, to: 0 } },
            { text: " Yes", offsets: { from: 0, to: 300 } },
          ],
        },
      ],
    });
    expect(cpp).toEqual([{ text: "Yes", startMs: 0, endMs: 300 }]);
    expect(() => parseWordTimings({ foo: 1 }, "w.json")).toThrow(WordTimingsError);
    expect(() => parseWordTimings({ foo: 1 }, "w.json")).toThrow(/^w\.json: not a word-timing file/);
    expect(() => parseWordTimings([{ text: "x" }], "w.json")).toThrow(/caption 0 needs/);
  });
});

describe("buildCaptionPages", () => {
  const word = (text: string, startMs: number, endMs: number, breakAfter = false) => ({
    text,
    startMs,
    endMs,
    breakAfter,
  });

  it("pages a few words at a time, breaking on limits, silences, sentence and cue ends", () => {
    const pages = buildCaptionPages({
      words: [
        word("one", 0, 200),
        word("two", 200, 400),
        word("three", 400, 600),
        word("four", 600, 800),
        word("five.", 800, 1000),
        word("six", 1100, 1300, true),
        word("seven", 1300, 1500),
        word("eight", 2500, 2700),
        word("extraordinarily", 2700, 3200),
      ],
      maxWordsPerPage: 3,
      maxCharsPerPage: 16,
      silenceBreakMs: 600,
    });
    expect(pages.map((p) => p.text)).toEqual([
      "one two three",
      "four five.",
      "six",
      "seven",
      "eight",
      "extraordinarily",
    ]);
    // Pages do not overlap; each page lasts until the next starts or briefly after its last word.
    for (let i = 0; i + 1 < pages.length; i++)
      expect(pages[i]!.endMs).toBeLessThanOrEqual(pages[i + 1]!.startMs);
    expect(pages[3]!.endMs).toBe(1500 + 400);
    expect(pages[0]!.tokens).toEqual([
      { text: "one", fromMs: 0, toMs: 200 },
      { text: "two", fromMs: 200, toMs: 400 },
      { text: "three", fromMs: 400, toMs: 600 },
    ]);
  });

  it("splits long runs by page duration and handles no words", () => {
    expect(buildCaptionPages({ words: [] })).toEqual([]);
    const slow = [word("a", 0, 1500), word("b", 1500, 3000)];
    expect(buildCaptionPages({ words: slow, maxPageMs: 2500 }).map((p) => p.text)).toEqual(["a", "b"]);
  });
});

describe("fitting a caption page into its box", () => {
  // A monospaced stand-in for the browser's measurement: every grapheme is 0.6 em wide at 80 px.
  const measure = (text: string) =>
    [...new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text)].length * 0.6 * 80;
  const box = { fontSize: 80, minFontSize: MIN_CAPTION_FONT_SCALE * 80, maxWidth: 800, maxHeight: 480 };
  const fit = (words: string[], over: Partial<FitCaptionPageInput> = {}) =>
    fitCaptionPage({ words, ...box, lineHeight: 1.15, measure, ...over });
  const lineWidths = (page: FittedCaptionPage) =>
    page.lines.map((line) => (measure(line.map((p) => p.text).join(" ")) * page.fontSize) / 80);
  const inside = (page: FittedCaptionPage, maxWidth = box.maxWidth, maxHeight = box.maxHeight) => {
    for (const width of lineWidths(page)) expect(width).toBeLessThanOrEqual(maxWidth + 1e-6);
    expect(page.lines.length * page.fontSize * 1.15).toBeLessThanOrEqual(maxHeight + 1e-6);
  };

  it("keeps pages that fit as they are, wrapping between words", () => {
    const page = fit(["HELLO", "THERE", "WORLD"]);
    expect(page).toMatchObject({ fontSize: 80, broken: false, truncated: false });
    // 5 characters are 240 px: two words and a space (528 px) per 800 px line.
    expect(page.lines.map((l) => l.map((p) => p.text))).toEqual([["HELLO", "THERE"], ["WORLD"]]);
  });

  it("shrinks a page whose word is a little too wide, without breaking it", () => {
    const page = fit(["ABCDEFGHIJKLMNOPQRSTU"]); // 1008 px at 80 px
    expect(page.fontSize).toBeCloseTo((80 * 800) / 1008, 6);
    expect(page).toMatchObject({ broken: false, truncated: false });
    expect(page.lines).toEqual([[{ word: 0, text: "ABCDEFGHIJKLMNOPQRSTU" }]]);
    inside(page);
  });

  it("breaks a 272-character word across lines at the smallest size, without a hyphen, inside the box", () => {
    const word = "A".repeat(272);
    const page = fit(["SO", word, "END"]);
    expect(page.fontSize).toBe(40);
    expect(page).toMatchObject({ broken: true, truncated: false });
    inside(page);
    const pieces = page.lines.flat().filter((p) => p.word === 1);
    expect(pieces.map((p) => p.text).join("")).toBe(word);
    expect(pieces.length).toBeGreaterThan(5);
    expect(page.lines.flat().some((p) => p.text.includes("-"))).toBe(false);
    // The broken word starts on its own line; the words around it keep theirs.
    expect(page.lines[0]).toEqual([{ word: 0, text: "SO" }]);
    expect(page.lines.at(-1)!.at(-1)).toEqual({ word: 2, text: "END" });
  });

  it("never splits a grapheme (emoji sequences, Japanese)", () => {
    const family = "👨‍👩‍👧";
    const page = fit([family.repeat(40), "日本語".repeat(20)]);
    inside(page);
    for (const piece of page.lines.flat()) {
      const text = piece.text.replace(/…$/, "");
      if (piece.word === 0) expect(text.split(family).join("")).toBe("");
      else expect(text.replace(/[日本語]/gu, "")).toBe("");
    }
  });

  it("cuts a page too long even at the smallest size with an ellipsis, still inside the box", () => {
    const page = fit(["B".repeat(2000)]);
    expect(page).toMatchObject({ fontSize: 40, broken: true, truncated: true });
    inside(page);
    expect(page.lines.at(-1)!.at(-1)!.text.endsWith("…")).toBe(true);
    // A box lower than one line still gets one line.
    const low = fit(["B".repeat(100)], { maxHeight: 10 });
    expect(low.lines).toHaveLength(1);
    expect(lineWidths(low)[0]).toBeLessThanOrEqual(800);
  });

  it("shrinks a page that is too tall for its band before it breaks anything", () => {
    const words = Array.from({ length: 12 }, () => "WORD");
    const page = fit(words, { maxHeight: 200 });
    expect(page.fontSize).toBeLessThan(80);
    expect(page.fontSize).toBeGreaterThanOrEqual(40);
    expect(page).toMatchObject({ broken: false, truncated: false });
    inside(page, 800, 200);
  });
});
