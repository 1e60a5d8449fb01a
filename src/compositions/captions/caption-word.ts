// A displayed word with its timing, in source milliseconds (Remotion's captions use ms).
export interface CaptionWord {
  /** The word as shown (no surrounding spaces). */
  text: string;
  startMs: number;
  endMs: number;
  /** A page must end after this word (end of a cue). */
  breakAfter?: boolean;
}
