// Whom `--follow` / the `follow` prop names, resolved on a timeline's people. Pure and browser-safe: a person id
// ("P2") or a source time ("01:23.5", "83.5" = the person speaking then or within a second of it, else the most
// prominent face on screen);
// face images are embedded in Node (src/render/resolve-follow-input.ts) and matched here with matchPersonByFace;
// voice samples cut from the video's own soundtrack are placed in it and give the person speaking there.
import { parseTimecode } from "../render/parse-timecode";
import type { Timeline, TimelinePerson } from "../timeline/timeline-schema";
import { UserFacingError } from "../errors";
import { embeddingDistance, personCentroid } from "./link-people";
import { locateVoiceSample, MIN_VOICE_SAMPLE_FRAMES } from "./locate-voice-sample";

/**
 * A face image matches a person when its unit embedding is at most this far from the mean of the person's track
 * embeddings. Measured on the three generated three-person clips: a still of a person from another moment of their
 * footage 0.13–0.25 from them; a person not in the clip 0.49 and more from everyone. Looser than the linking
 * threshold: a photo may come from other footage, and the image goes to the nearest person, so this only has to
 * refuse strangers.
 */
export const FOLLOW_MATCH_DISTANCE = 0.4;

export class FollowError extends UserFacingError {
  override name = "FollowError";
}

/** Whom to follow: a person and the tracks that show them. */
export interface FollowTarget {
  personId: number;
  trackIds: number[];
  /** E.g. "P2"; shown in reasons and messages. */
  label: string;
  /** How the person was found, for messages: "P2", "the speaker at 01:23.5", "face.jpg (distance 0.21)". */
  how: string;
}

/** "P2" / "p2" → 2; anything else → null. */
export function parsePersonId(text: string): number | null {
  const match = /^\s*[Pp](\d+)\s*$/.exec(text);
  return match ? Number(match[1]) : null;
}

export const personLabel = (id: number) => `P${id}`;

function peopleOf(timeline: Timeline, given: string): TimelinePerson[] {
  if (timeline.people && timeline.people.length > 0) return timeline.people;
  // A timeline without embeddings: every track is its own person, numbered like linkPeople numbers them.
  if (timeline.tracks.length === 0)
    throw new FollowError(`--follow ${given}: the video has no faces to follow`);
  return [...timeline.tracks]
    .sort((a, b) => a.startFrame - b.startFrame || a.id - b.id)
    .map((t, i) => ({ id: i + 1, tracks: [{ track: t.id, confidence: 1 }] }));
}

function target(person: TimelinePerson, how: string): FollowTarget {
  return {
    personId: person.id,
    trackIds: person.tracks.map((l) => l.track),
    label: personLabel(person.id),
    how,
  };
}

/** Resolves a person id or a time; null when `who` is neither (e.g. a file path). */
export function resolveFollow(timeline: Timeline, who: string): FollowTarget | null {
  const people = peopleOf(timeline, who);
  const id = parsePersonId(who);
  if (id !== null) {
    const person = people.find((p) => p.id === id);
    if (!person)
      throw new FollowError(
        `--follow ${who}: no person ${personLabel(id)} in the timeline (people: ${people.map((p) => personLabel(p.id)).join(", ")})`,
      );
    return target(person, personLabel(id));
  }
  const seconds = parseTimecode(who);
  if (seconds === null) return null;
  const fps = timeline.analysis.fps;
  const frame = Math.round((seconds - (timeline.analysis.startSeconds ?? 0)) * fps);
  if (frame < 0 || frame >= timeline.analysis.frameCount)
    throw new FollowError(
      `--follow ${who} is outside the analysed video (0 to ${(timeline.analysis.frameCount / fps).toFixed(2)} s)`,
    );
  const onScreen = timeline.tracks.filter(
    (t) => frame >= t.startFrame && frame < t.startFrame + t.frameCount,
  );
  const area = (t: (typeof onScreen)[number]) => {
    const i = 4 * (frame - t.startFrame);
    return t.boxes[i + 2]! * t.boxes[i + 3]!;
  };
  const speaking = nearestSpeaker(timeline, frame, new Set(onScreen.map((t) => t.id)));
  const chosen =
    onScreen.find((t) => t.id === speaking?.track) ?? [...onScreen].sort((a, b) => area(b) - area(a))[0];
  if (!chosen) throw new FollowError(`--follow ${who}: nobody is on screen at ${who}`);
  const person = people.find((p) => p.tracks.some((l) => l.track === chosen.id))!;
  const how = !speaking
    ? `the most prominent face at ${who}`
    : speaking.frame === frame
      ? `the speaker at ${who}`
      : `the speaker at ${((timeline.analysis.startSeconds ?? 0) + speaking.frame / fps).toFixed(2)} s, nearest to ${who}`;
  return target(person, how);
}

/**
 * A time given to `--follow` in a pause still means the person speaking around it: the nearest frame within this
 * many seconds where a face that is on screen at the given time speaks. People name a moment to a second or so, and
 * a breath between words is a pause to the decision.
 */
export const FOLLOW_TIME_SNAP_SECONDS = 1;

/** The nearest frame to `frame` (itself first, then ±1, ±2, … within FOLLOW_TIME_SNAP_SECONDS) where one of `tracks` speaks. */
function nearestSpeaker(
  timeline: Timeline,
  frame: number,
  tracks: ReadonlySet<number>,
): { frame: number; track: number } | null {
  const reach = Math.round(FOLLOW_TIME_SNAP_SECONDS * timeline.analysis.fps);
  for (let step = 0; step <= reach; step++)
    for (const at of step === 0 ? [frame] : [frame - step, frame + step]) {
      const track = timeline.activeSpeaker[at] ?? -1;
      if (tracks.has(track)) return { frame: at, track };
    }
  return null;
}

export interface FaceMatch {
  person: TimelinePerson | null;
  /** Distance to the closest person (Infinity when nobody has an embedding). */
  distance: number;
}

/** The person whose mean embedding is closest to `embedding` (unit), if within FOLLOW_MATCH_DISTANCE. */
export function matchPersonByFace(
  timeline: Timeline,
  embedding: ArrayLike<number>,
  threshold = FOLLOW_MATCH_DISTANCE,
): FaceMatch {
  let best: FaceMatch = { person: null, distance: Infinity };
  for (const person of timeline.people ?? []) {
    const centroid = personCentroid(person, timeline.tracks);
    if (!centroid) continue;
    const distance = embeddingDistance(embedding, centroid);
    if (distance < best.distance) best = { person, distance };
  }
  return best.distance <= threshold ? best : { person: null, distance: best.distance };
}

/** The FollowTarget of a face match, or the one-line error naming what was given. */
export function followFromFaceMatch(
  given: string,
  match: FaceMatch,
  threshold = FOLLOW_MATCH_DISTANCE,
): FollowTarget {
  if (!match.person) {
    const closest = Number.isFinite(match.distance) ? match.distance.toFixed(2) : "none: no face embeddings";
    throw new FollowError(
      `--follow ${given} matches nobody in the video (closest distance ${closest}, threshold ${threshold})`,
    );
  }
  return target(match.person, `${given} (distance ${match.distance.toFixed(2)})`);
}

/**
 * A voice sample is placed in the soundtrack where its features correlate at least this much (an excerpt of the
 * same recording; measured in test/people-media.test.ts: 0.97–0.98 at its place, 0.20 for another voice).
 */
export const VOICE_SAMPLE_MIN_CORRELATION = 0.9;

/**
 * The person who speaks most where a voice sample sits in the soundtrack (locateVoiceSample), or the one-line
 * error naming the sample. A passage heard more than once must have the same speaker at every place. Samples
 * recorded elsewhere are not matched: that needs a speaker-embedding model.
 */
export function followFromVoiceSample(
  given: string,
  timeline: Timeline,
  sample: readonly Float32Array[],
): FollowTarget {
  const features = timeline.evidence?.voiceFeatures;
  if (!features)
    throw new FollowError(
      `--follow ${given}: the timeline has no voice features (its video has no usable audio)`,
    );
  const match = locateVoiceSample({
    features: features.values,
    dims: features.dims,
    sample,
    minCorrelation: VOICE_SAMPLE_MIN_CORRELATION,
  });
  if (!match)
    throw new FollowError(
      `--follow ${given}: the sample must hold ${MIN_VOICE_SAMPLE_FRAMES / timeline.analysis.fps} s of audio or more, and no more than the analysed video`,
    );
  const fps = timeline.analysis.fps;
  const at = (frame: number) => ((timeline.analysis.startSeconds ?? 0) + frame / fps).toFixed(2);
  const span = (start: number) => `${at(start)}–${at(start + match.frames)} s`;
  const places = match.places.map((p) => span(p.startFrame)).join(", ");
  if (match.places.length === 0)
    throw new FollowError(
      `--follow ${given}: the sample is not an excerpt of this video's soundtrack (best correlation ` +
        `${match.best.correlation.toFixed(2)} at ${at(match.best.startFrame)} s, needs ${VOICE_SAMPLE_MIN_CORRELATION}); ` +
        `voices recorded elsewhere cannot be matched yet: give a person (P2), a source time or a face image`,
    );
  const people = peopleOf(timeline, given);
  const speakerOf = (start: number) => {
    const votes = new Map<number, number>();
    for (let frame = start; frame < start + match.frames; frame++) {
      const track = timeline.activeSpeaker[frame] ?? -1;
      const person = track >= 0 ? people.find((p) => p.tracks.some((l) => l.track === track)) : undefined;
      if (person) votes.set(person.id, (votes.get(person.id) ?? 0) + 1);
    }
    return [...votes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? null;
  };
  const heard = match.places.map((place) => {
    const speaker = speakerOf(place.startFrame);
    const person = people.find((p) => p.id === speaker);
    const closeUp = person !== undefined && isCloseUp(timeline, person, place.startFrame, match.frames);
    return { ...place, speaker, closeUp };
  });
  const found = [...new Set(heard.flatMap((h) => (h.speaker === null ? [] : [h.speaker])))];
  if (found.length === 0)
    throw new FollowError(
      `--follow ${given}: the sample is the soundtrack at ${places}, where nobody on screen speaks`,
    );
  // A passage heard in several shots (a looped intro, an edit that reuses a take) with different decided speakers:
  // a close-up of one of them decides: there the decision has one face to choose, and its errors (issue "Who
  // speaks") are mostly between faces on screen together.
  const closeUps = [...new Set(heard.flatMap((h) => (h.closeUp ? [h.speaker!] : [])))];
  if (found.length > 1 && closeUps.length !== 1)
    throw new FollowError(
      `--follow ${given}: the sample is heard ${match.places.length} times (${places}) with different speakers (${found.map(personLabel).join(", ")}); cut a passage heard once`,
    );
  const chosen = found.length === 1 ? found[0]! : closeUps[0]!;
  const shown = heard.find((h) => h.speaker === chosen && (found.length === 1 || h.closeUp))!;
  return target(
    people.find((p) => p.id === chosen)!,
    `${given} (the speaker at ${span(shown.startFrame)}, correlation ${shown.correlation.toFixed(2)}` +
      `${match.places.length > 1 ? `; heard ${match.places.length} times${found.length > 1 ? `, alone on screen there` : ""}` : ""})`,
  );
}

/** Share of a window's frames on which the only face on screen must be one of the person's for a close-up. */
const CLOSE_UP_SHARE = 0.9;

/** Whether the person is the only face on screen on CLOSE_UP_SHARE of the window's frames. */
function isCloseUp(timeline: Timeline, person: TimelinePerson, startFrame: number, frames: number): boolean {
  const theirs = new Set(person.tracks.map((l) => l.track));
  let alone = 0;
  for (let frame = startFrame; frame < startFrame + frames; frame++) {
    const visible = timeline.tracks.filter(
      (t) => frame >= t.startFrame && frame < t.startFrame + t.frameCount,
    );
    if (visible.length === 1 && theirs.has(visible[0]!.id)) alone++;
  }
  return alone >= CLOSE_UP_SHARE * frames;
}
