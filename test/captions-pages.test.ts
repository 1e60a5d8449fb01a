// Caption word timing (syllable spreading, word-level JSON) and TikTok-style paging.
import { describe, expect, it } from "vitest";
import { buildCaptionPages } from "../src/compositions/captions/build-caption-pages";
import { countSyllables } from "../src/compositions/captions/count-syllables";
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
