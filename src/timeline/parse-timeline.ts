// Validates unknown data as a Timeline; errors name the bad field. Pure (no I/O) so compositions can use it.
import { TIMELINE_SCHEMA_VERSION, timelineSchema, type Timeline } from "./timeline-schema";
import { UserFacingError } from "../errors";

export class TimelineError extends UserFacingError {
  override name = "TimelineError";
}

export function parseTimeline(data: unknown, origin = "timeline"): Timeline {
  const version = (data as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof version === "number" && version > TIMELINE_SCHEMA_VERSION) {
    throw new TimelineError(
      `${origin} has schemaVersion ${version}, newer than this speakerframe understands (${TIMELINE_SCHEMA_VERSION}); upgrade speakerframe or re-run analyze`,
    );
  }
  if (typeof version === "number" && version < TIMELINE_SCHEMA_VERSION) {
    throw new TimelineError(
      `${origin} has schemaVersion ${version}, from an older speakerframe; version ${TIMELINE_SCHEMA_VERSION} stores the evidence the decision of who speaks needs: re-run \`speakerframe analyze\` on its video`,
    );
  }
  const result = timelineSchema.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const field = issue.path.length ? issue.path.join(".") : "(root)";
    throw new TimelineError(`${origin}: field ${field} ${issue.message}`);
  }
  return result.data;
}
