// Camera tags inside SRT cue text (grammar in TAGS.md): `[zoom 1.4]`, `[wide]`, `[speaker 2]`, `[left]`, `[right]`,
// `[two-shot]`. Tags are removed from the caption text; `\[` writes a literal bracket.
import { SrtError } from "./srt-error";

export type CueTag =
  | { name: "zoom"; factor: number; source: string }
  | { name: "wide"; source: string }
  | { name: "speaker"; trackId: number; source: string }
  /** `[speaker P2]` or `[follow P2]`: a person of the timeline's `people`. */
  | { name: "person"; personId: number; source: string }
  | { name: "left"; source: string }
  | { name: "right"; source: string }
  | { name: "two-shot"; source: string };

export const ZOOM_MIN = 0.5;
export const ZOOM_MAX = 4;
export const ALLOWED_TAGS = `[zoom N] (N from ${ZOOM_MIN} to ${ZOOM_MAX}), [wide], [speaker N] (N = track id, or P1, P2, … = person), [follow PN], [left], [right], [two-shot]`;

export interface ParseCueTagsInput {
  /** Cue text as written, possibly with tags. */
  text: string;
  /** Where the text comes from, for errors, e.g. "subs.srt cue 3". */
  where: string;
}

export interface ParseCueTagsResult {
  /** Text without tags, whitespace tidied (line breaks kept). */
  text: string;
  tags: CueTag[];
}

function parseTag(body: string, source: string, where: string): CueTag {
  const fail = (why: string): never => {
    throw new SrtError(
      `${where}: ${why} ${JSON.stringify(source)}; allowed: ${ALLOWED_TAGS} (write \\[ for a literal bracket)`,
    );
  };
  const parts = body.trim().toLowerCase().split(/\s+/);
  const [name, argument, extra] = parts;
  if (extra !== undefined) fail("too many arguments in tag");
  switch (name) {
    case "zoom": {
      if (argument === undefined) fail("missing zoom factor in tag");
      const factor = Number(argument!.replace(/x$/, ""));
      if (!Number.isFinite(factor) || !/^\d*\.?\d+x?$/.test(argument!))
        fail("zoom factor is not a number in tag");
      if (factor < ZOOM_MIN || factor > ZOOM_MAX)
        fail(`zoom factor out of range ${ZOOM_MIN}..${ZOOM_MAX} in tag`);
      return { name: "zoom", factor, source };
    }
    case "speaker": {
      if (argument !== undefined && /^p\d+$/.test(argument))
        return { name: "person", personId: Number(argument.slice(1)), source };
      if (argument === undefined || !/^\d+$/.test(argument))
        fail("speaker needs a track id (0, 1, 2, ...) or a person (P1, P2, ...) in tag");
      return { name: "speaker", trackId: Number(argument), source };
    }
    case "follow": {
      if (argument === undefined || !/^p\d+$/.test(argument))
        fail("follow needs a person (P1, P2, ...) in tag");
      return { name: "person", personId: Number(argument!.slice(1)), source };
    }
    case "wide":
    case "left":
    case "right":
    case "two-shot":
      if (argument !== undefined) fail(`[${name}] takes no argument, got tag`);
      return { name, source } as CueTag;
    default:
      return fail("unknown tag");
  }
}

export function parseCueTags(input: ParseCueTagsInput): ParseCueTagsResult {
  const { text, where } = input;
  const tags: CueTag[] = [];
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "\\" && (text[i + 1] === "[" || text[i + 1] === "]")) {
      out += text[i + 1];
      i++;
      continue;
    }
    if (ch !== "[") {
      out += ch;
      continue;
    }
    const close = text.indexOf("]", i + 1);
    const newline = text.indexOf("\n", i + 1);
    if (close < 0 || (newline >= 0 && newline < close)) {
      throw new SrtError(
        `${where}: unclosed tag ${JSON.stringify(text.slice(i).split("\n")[0])}; allowed: ${ALLOWED_TAGS}`,
      );
    }
    const source = text.slice(i, close + 1);
    tags.push(parseTag(text.slice(i + 1, close), source, where));
    i = close;
  }

  const framing = tags.filter((t) => t.name !== "zoom");
  if (framing.length > 1) {
    throw new SrtError(
      `${where}: conflicting tags ${framing.map((t) => t.source).join(" ")}; use at most one of [wide], [speaker N], [follow PN], [left], [right], [two-shot] per cue`,
    );
  }
  if (tags.filter((t) => t.name === "zoom").length > 1)
    throw new SrtError(`${where}: more than one [zoom N] tag in one cue`);

  const cleaned = out
    .split("\n")
    .map((line) => line.replace(/[ \t]+/g, " ").trim())
    .filter((line) => line.length > 0)
    .join("\n");
  return { text: cleaned, tags };
}
