// Word timings for cues without a word-level transcript: each cue's time is shared by its words in proportion
// to their syllables, with short pauses after punctuation, so the highlight roughly follows speech.
import type { SrtCue } from "../../srt/parse-srt-cues";
import type { CaptionWord } from "./caption-word";
import { countSyllables } from "./count-syllables";

/** Pause weights, in syllables, after a word ending in these marks. */
const PAUSE_AFTER = [
  [/[.!?…]["»”')\]]*$/u, 1],
  [/[,;:–—]["»”')\]]*$/u, 0.5],
] as const;

export function spreadCueWords(input: {
  cues: SrtCue[];
  /** Added to cue times (e.g. the clip start when the SRT is clip-relative), seconds. */
  offsetSeconds?: number;
}): CaptionWord[] {
  const offsetMs = (input.offsetSeconds ?? 0) * 1000;
  const words: CaptionWord[] = [];
  for (const cue of input.cues) {
    const texts = cue.text.split(/\s+/).filter(Boolean);
    const startMs = cue.startSeconds * 1000 + offsetMs;
    const durationMs = (cue.displayEndSeconds - cue.startSeconds) * 1000;
    if (texts.length === 0 || durationMs <= 0) continue;
    const weights = texts.map((text) => {
      const speech = Math.max(1, countSyllables(text)) + 0.5; // +0.5: every word has an onset
      const pause = PAUSE_AFTER.find(([pattern]) => pattern.test(text))?.[1] ?? 0;
      return { speech, pause };
    });
    // The last word's pause would only leave a gap before the next cue: drop it.
    weights[weights.length - 1]!.pause = 0;
    const total = weights.reduce((sum, w) => sum + w.speech + w.pause, 0);
    let cursor = startMs;
    texts.forEach((text, i) => {
      const w = weights[i]!;
      const wordMs = (durationMs * w.speech) / total;
      words.push({ text, startMs: cursor, endMs: cursor + wordMs, breakAfter: i === texts.length - 1 });
      cursor += wordMs + (durationMs * w.pause) / total;
    });
  }
  return words;
}
