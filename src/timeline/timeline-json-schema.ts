import { z } from "zod";
import { timelineSchema } from "./timeline-schema";

/** The timeline schema as JSON Schema (draft 2020-12), as committed in schema/timeline.schema.json. */
export function timelineJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(timelineSchema, { target: "draft-2020-12", unrepresentable: "any" }),
    $id: "urn:speakerframe:timeline:2",
    title: "speakerframe speaker-track timeline",
  };
}
