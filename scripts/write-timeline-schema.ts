// Regenerates schema/timeline.schema.json from the zod schema: `npx vite-node scripts/write-timeline-schema.ts`.
import { writeFileSync } from "node:fs";
import { timelineJsonSchema } from "../src/timeline/timeline-json-schema";

writeFileSync(
  new URL("../schema/timeline.schema.json", import.meta.url),
  `${JSON.stringify(timelineJsonSchema(), null, 2)}\n`,
);
