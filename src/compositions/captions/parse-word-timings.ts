// Word-level transcripts -> CaptionWord[]. Accepts Remotion's Caption[] (ms; tokens without a leading space
// continue the previous word, as whisper.cpp's toCaptions() emits), whisper / faster-whisper / WhisperX JSON
// ({segments: [{words: [{word, start, end}]}]}, {words: [...]}, {word_segments: [...]}, seconds) and whisper.cpp's
// --output-json-full ({transcription: [{tokens: [{text, offsets: {from, to}}]}]}, ms).

import type { CaptionWord } from "./caption-word";

export class WordTimingsError extends Error {
  override name = "WordTimingsError";
}

interface Token {
  text: string;
  startMs: number;
  endMs: number;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

function fromSeconds(words: unknown[], origin: string): Token[] {
  return words.map((w, i) => {
    if (!isObject(w)) throw new WordTimingsError(`${origin}: word ${i} is not an object`);
    const text = w.word ?? w.text;
    if (typeof text !== "string" || typeof w.start !== "number" || typeof w.end !== "number") {
      throw new WordTimingsError(`${origin}: word ${i} needs "word" (string), "start" and "end" (seconds)`);
    }
    // Whisper words carry their leading space; a word without one after the first still starts a new word here.
    return {
      text: /^\s/.test(text) || i === 0 ? text : ` ${text}`,
      startMs: w.start * 1000,
      endMs: w.end * 1000,
    };
  });
}

function toTokens(data: unknown, origin: string): Token[] {
  if (Array.isArray(data)) {
    return data.map((c, i) => {
      if (
        !isObject(c) ||
        typeof c.text !== "string" ||
        typeof c.startMs !== "number" ||
        typeof c.endMs !== "number"
      ) {
        throw new WordTimingsError(
          `${origin}: caption ${i} needs "text", "startMs" and "endMs" (Remotion Caption)`,
        );
      }
      return { text: c.text, startMs: c.startMs, endMs: c.endMs };
    });
  }
  if (isObject(data)) {
    if (Array.isArray(data.segments)) {
      return fromSeconds(
        data.segments.flatMap((s) => (isObject(s) && Array.isArray(s.words) ? s.words : [])),
        origin,
      );
    }
    if (Array.isArray(data.words)) return fromSeconds(data.words, origin);
    if (Array.isArray(data.word_segments)) return fromSeconds(data.word_segments, origin);
    if (Array.isArray(data.transcription)) {
      return data.transcription
        .flatMap((s) => (isObject(s) && Array.isArray(s.tokens) ? s.tokens : []))
        .filter(
          (t): t is Record<string, unknown> =>
            isObject(t) && typeof t.text === "string" && !/^\[_|^<\|/.test(t.text),
        )
        .map((t) => {
          const offsets = t.offsets as { from?: unknown; to?: unknown } | undefined;
          if (typeof offsets?.from !== "number" || typeof offsets.to !== "number") {
            throw new WordTimingsError(`${origin}: whisper.cpp token without offsets.from/to`);
          }
          return { text: t.text as string, startMs: offsets.from, endMs: offsets.to };
        });
    }
  }
  throw new WordTimingsError(
    `${origin}: not a word-timing file; expected Remotion Caption[] or whisper JSON ({segments: [{words}]}, {words}, {word_segments} or whisper.cpp {transcription})`,
  );
}

export function parseWordTimings(data: unknown, origin = "words"): CaptionWord[] {
  const words: CaptionWord[] = [];
  for (const token of toTokens(data, origin)) {
    if (!Number.isFinite(token.startMs) || !Number.isFinite(token.endMs) || token.endMs < token.startMs) {
      throw new WordTimingsError(
        `${origin}: word ${JSON.stringify(token.text)} has bad times ${token.startMs}..${token.endMs} ms`,
      );
    }
    const last = words[words.length - 1];
    const startsWord = /^\s/.test(token.text) || !last;
    const text = token.text.trim();
    if (!text) continue;
    if (startsWord) words.push({ text, startMs: token.startMs, endMs: token.endMs });
    else {
      last.text += text;
      last.endMs = Math.max(last.endMs, token.endMs);
    }
  }
  return words.sort((a, b) => a.startMs - b.startMs);
}
