// Ground-truth speaker labels in the CSV layout of the labelled two-speaker clip: one row per (segment, face
// tile) with its time span, the tile box in source px and SPEAKING / NOT_SPEAKING_* label. '#' lines are comments.
import { UserFacingError } from "../../errors";

export interface SpeakerLabel {
  /** Segment span in source seconds, [startSeconds, endSeconds). */
  startSeconds: number;
  endSeconds: number;
  /** Name of the face (tile) in the labels, e.g. "left". */
  face: string;
  /** Where that face is, source px [x1, y1, x2, y2]. */
  box: [number, number, number, number];
  speaking: boolean;
}

const REQUIRED = ["start_s", "end_s", "track", "tile_x1", "tile_y1", "tile_x2", "tile_y2", "label"] as const;

export function parseSpeakerLabels(csv: string, origin = "labels"): SpeakerLabel[] {
  const lines = csv
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((line, index) => ({ line: line.trim(), number: index + 1 }))
    .filter(({ line }) => line && !line.startsWith("#"));
  if (lines.length === 0)
    throw new UserFacingError(`${origin} is empty: expected a header line with ${REQUIRED.join(",")}`);
  const header = lines[0]!.line.split(",").map((h) => h.trim());
  const column = Object.fromEntries(
    REQUIRED.map((name) => {
      const index = header.indexOf(name);
      if (index < 0)
        throw new UserFacingError(`${origin}: header has no column "${name}" (needs ${REQUIRED.join(",")})`);
      return [name, index];
    }),
  ) as Record<(typeof REQUIRED)[number], number>;
  return lines.slice(1).map(({ line, number }) => {
    const cells = line.split(",").map((c) => c.trim());
    const num = (name: (typeof REQUIRED)[number]) => {
      const value = Number(cells[column[name]]);
      if (!Number.isFinite(value)) {
        throw new UserFacingError(
          `${origin} line ${number}: ${name} "${cells[column[name]] ?? ""}" is not a number`,
        );
      }
      return value;
    };
    const label = cells[column.label] ?? "";
    if (!/^(SPEAKING|NOT_SPEAKING.*)$/.test(label)) {
      throw new UserFacingError(
        `${origin} line ${number}: label "${label}" must be SPEAKING or NOT_SPEAKING…`,
      );
    }
    return {
      startSeconds: num("start_s"),
      endSeconds: num("end_s"),
      face: cells[column.track] ?? "",
      box: [num("tile_x1"), num("tile_y1"), num("tile_x2"), num("tile_y2")],
      speaking: label === "SPEAKING",
    };
  });
}
