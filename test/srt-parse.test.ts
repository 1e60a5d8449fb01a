// SRT parsing and camera tags: grammar, errors naming the cue, BOM/CRLF, empty files, overlaps.
import { describe, expect, it } from "vitest";
import { decodeText, NotTextError } from "../src/io/decode-text";
import { cuesToDirectives, parseCueTags, parseSrtCues, SrtError } from "../src/srt";
import { formatSrtTime } from "../src/srt/parse-srt-cues";

const srt = (...cues: string[]) => cues.join("\n\n") + "\n";

describe("parseSrtCues", () => {
  it("parses cues, strips tags and markup", () => {
    const { cues, warnings } = parseSrtCues({
      text: srt(
        "1\n00:00:01,000 --> 00:00:03,500\n[zoom 1.4] This is <i>the</i> part.",
        "2\n00:00:03,500 --> 00:00:06,000\nWhat do [RIGHT] you think?\nSecond line",
        "3\n00:00:06,000 --> 00:00:08,250 X1:10 X2:20\n{\\an8}[two-shot][ zoom 1.2x ] Both",
      ),
    });
    expect(warnings).toEqual([]);
    expect(cues).toHaveLength(3);
    expect(cues[0]).toMatchObject({ number: 1, startSeconds: 1, endSeconds: 3.5, text: "This is the part." });
    expect(cues[0]!.tags).toEqual([{ name: "zoom", factor: 1.4, source: "[zoom 1.4]" }]);
    expect(cues[1]!.text).toBe("What do you think?\nSecond line");
    expect(cues[1]!.tags[0]!.name).toBe("right");
    expect(cues[2]).toMatchObject({ startSeconds: 6, endSeconds: 8.25, text: "Both" });
    expect(cues[2]!.tags.map((t) => t.name)).toEqual(["two-shot", "zoom"]);
  });

  it("handles BOM, CRLF, CR, '.' milliseconds, missing numbers and missing blank lines", () => {
    const text =
      "\uFEFF1\r\n00:00:00.500 --> 00:00:01,000\r\nHello\r\n\r\n00:00:01,000 --> 00:00:02,000\r\nno number\r\n3\r\n00:00:02,000 --> 00:00:03,000\r\nglued";
    const { cues } = parseSrtCues({ text });
    expect(cues.map((c) => [c.number, c.startSeconds, c.endSeconds, c.text])).toEqual([
      [1, 0.5, 1, "Hello"],
      [2, 1, 2, "no number"],
      [3, 2, 3, "glued"],
    ]);
    expect(parseSrtCues({ text: "1\r00:00:01,000 --> 00:00:02,000\rcr only\r" }).cues[0]!.text).toBe(
      "cr only",
    );
  });

  it("accepts an empty or blank file", () => {
    expect(parseSrtCues({ text: "" }).cues).toEqual([]);
    expect(parseSrtCues({ text: "\uFEFF\r\n  \n" }).cues).toEqual([]);
  });

  it("reports malformed times in one line naming the cue", () => {
    const bad = () =>
      parseSrtCues({
        origin: "subs.srt",
        text: srt("1\n00:00:01,000 --> 00:00:02,000\nok", "7\n00:00:05.5 --> 00:00:07,000\nbad"),
      });
    expect(bad).toThrow(SrtError);
    expect(bad).toThrow(
      'subs.srt cue 7: malformed time "00:00:05.5 --> 00:00:07,000"; expected HH:MM:SS,mmm --> HH:MM:SS,mmm',
    );
    expect(() => parseSrtCues({ text: "4\n00:00:02,000 - 00:00:03,000\nx" })).toThrow(
      /^SRT cue 4: expected a time line/,
    );
    expect(() => parseSrtCues({ text: "2\n00:01:02,000 --> 00:01:01,000\nx" })).toThrow(
      /cue 2: ends \(61 s\) before it starts \(62 s\)/,
    );
    expect(() => parseSrtCues({ text: "5\n00:61:00,000 --> 00:62:00,000\nx" })).toThrow(
      /cue 5: malformed time/,
    );
  });

  it("reports bad tags in one line naming the cue, the tag and what is allowed", () => {
    const message = (text: string) => {
      try {
        parseSrtCues({ origin: "subs.srt", text: `3\n00:00:01,000 --> 00:00:02,000\n${text}\n` });
      } catch (error) {
        expect(error).toBeInstanceOf(SrtError);
        const msg = (error as Error).message;
        expect(msg).not.toContain("\n");
        return msg;
      }
      throw new Error("expected an error");
    };
    expect(message("[zom 1.4] hi")).toMatch(
      /^subs\.srt cue 3: unknown tag "\[zom 1\.4\]"; allowed: \[zoom N\] .*\[two-shot\]/,
    );
    expect(message("[zoom] hi")).toMatch(/cue 3: missing zoom factor in tag "\[zoom\]"/);
    expect(message("[zoom big] hi")).toMatch(/cue 3: zoom factor is not a number/);
    expect(message("[zoom 9] hi")).toMatch(/cue 3: zoom factor out of range 0\.5\.\.4 in tag "\[zoom 9\]"/);
    expect(message("[speaker] hi")).toMatch(/cue 3: speaker needs a track id/);
    expect(message("[left 2] hi")).toMatch(/cue 3: \[left\] takes no argument/);
    expect(message("[left] [right] hi")).toMatch(/cue 3: conflicting tags \[left\] \[right\]/);
    expect(message("[zoom 1.2] [zoom 2] hi")).toMatch(/cue 3: more than one \[zoom N\]/);
    expect(message("[zoom 1.2 hi")).toMatch(/cue 3: unclosed tag "\[zoom 1\.2 hi"/);
    expect(message("[laughs]")).toMatch(/write \\\[ for a literal bracket/);
  });

  it("keeps escaped brackets as text", () => {
    expect(parseCueTags({ text: "\\[laughs\\] ok [wide]", where: "x" })).toEqual({
      text: "[laughs] ok",
      tags: [{ name: "wide", source: "[wide]" }],
    });
  });

  it("sorts cues and cuts overlapping cues short (the later cue wins)", () => {
    const { cues, warnings } = parseSrtCues({
      origin: "o.srt",
      text: srt(
        "2\n00:00:03,000 --> 00:00:05,000\n[right] later",
        "1\n00:00:01,000 --> 00:00:03,500\n[left] earlier",
      ),
    });
    expect(cues.map((c) => c.number)).toEqual([1, 2]);
    expect(cues[0]!.displayEndSeconds).toBe(3);
    expect(cues[0]!.endSeconds).toBe(3.5);
    expect(warnings).toEqual(["o.srt cues 1 and 2 overlap by 0.500 s: cue 1 ends where cue 2 starts"]);
    const directives = cuesToDirectives({ cues, offsetSeconds: 10 });
    expect(directives).toEqual([
      { startSeconds: 11, endSeconds: 13, label: "cue 1 [left]", force: { kind: "side", side: "left" } },
      { startSeconds: 13, endSeconds: 15, label: "cue 2 [right]", force: { kind: "side", side: "right" } },
    ]);
  });

  it("turns every tag into a directive", () => {
    const { cues } = parseSrtCues({
      text: srt(
        "1\n00:00:01,000 --> 00:00:02,000\n[zoom 2] a",
        "2\n00:00:02,000 --> 00:00:03,000\n[wide] b",
        "3\n00:00:03,000 --> 00:00:04,000\n[speaker 2] c",
        "4\n00:00:04,000 --> 00:00:05,000\n[two-shot] d",
        "5\n00:00:05,000 --> 00:00:06,000\nplain",
      ),
    });
    expect(cuesToDirectives({ cues }).map((d) => [d.zoom, d.force])).toEqual([
      [2, undefined],
      [undefined, { kind: "wide" }],
      [undefined, { kind: "track", trackId: 2 }],
      [undefined, { kind: "two-shot" }],
    ]);
  });
});

describe("overlap warnings", () => {
  it("lists the first three overlaps and counts the rest in one line", () => {
    const cues = Array.from(
      { length: 10 },
      (_, i) => `${i + 1}\n${formatSrtTime(60 + i)} --> ${formatSrtTime(61.5 + i)}\ncue ${i + 1}`,
    );
    const { cues: parsed, warnings } = parseSrtCues({ origin: "big.srt", text: srt(...cues) });
    expect(warnings).toEqual([
      "big.srt cues 1 and 2 overlap by 0.500 s: cue 1 ends where cue 2 starts",
      "big.srt cues 2 and 3 overlap by 0.500 s: cue 2 ends where cue 3 starts",
      "big.srt cues 3 and 4 overlap by 0.500 s: cue 3 ends where cue 4 starts",
      "big.srt: … and 6 more overlapping cues (first at 00:01:04,000)",
    ]);
    // Every overlap is still cut short, listed or not.
    expect(parsed.slice(0, -1).every((c, i) => c.displayEndSeconds === parsed[i + 1]!.startSeconds)).toBe(
      true,
    );
    expect(formatSrtTime(3723.456)).toBe("01:02:03,456");
  });
});

describe("decodeText", () => {
  const text = "1\n00:00:01,000 --> 00:00:02,000\n日本語 😀 café\n";
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.from(le);
  for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1]!, be[i]!];

  it("reads UTF-8 with or without a BOM and UTF-16 LE/BE by their BOM", () => {
    expect(decodeText(Buffer.from(text), "a.srt")).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), "a.srt")).toBe(
      text,
    );
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), le]), "a.srt")).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), "a.srt")).toBe(text);
  });

  it("recognises UTF-16 without a BOM by its zero bytes", () => {
    expect(decodeText(le, "a.srt")).toBe(text);
    expect(decodeText(be, "a.srt")).toBe(text);
  });

  it("refuses bytes that are not UTF-8 or UTF-16 text in one line naming the file", () => {
    const latin1 = Buffer.from("1\n00:00:01,000 --> 00:00:02,000\ncafé crème\n", "latin1");
    expect(() => decodeText(latin1, "subs.srt")).toThrow(NotTextError);
    expect(() => decodeText(latin1, "subs.srt")).toThrow(/^subs\.srt is not UTF-8 or UTF-16 text$/);
    // A UTF-16 BOM over an odd number of bytes, a lone surrogate, NUL bytes in UTF-8.
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x41, 0x00, 0x42]), "x")).toThrow(NotTextError);
    expect(() => decodeText(Buffer.from([0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00]), "x")).toThrow(NotTextError);
    expect(() => decodeText(Buffer.from("a\0b\0c\n\0\0\0", "latin1"), "x")).toThrow(NotTextError);
  });
});
