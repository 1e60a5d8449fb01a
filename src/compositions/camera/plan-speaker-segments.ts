// Decides, per shot, whom the camera frames and when it switches: the editorial half of the planner (no geometry).
// Who speaks is the timeline's decision (`activeSpeaker`, decideSpeakers): nobody in pauses. Holding the shot
// through those pauses is this planner's policy. Works on the analysis grid and looks ahead freely (offline). Order
// of rules, each documented at its step: quick turn-taking -> two-shot; blips ignored; silences filled; invisible
// targets replaced; SRT tags applied; minimum hold merged; switches anticipated.
import type { Timeline } from "../../timeline/timeline-schema";
import type { CameraDirective, CameraOptions, CameraSegment, CameraTarget } from "./camera-types";
import type { FaceLookup } from "./create-face-lookup";
import type { FollowTarget } from "../../decision/resolve-follow";

interface Label {
  target: CameraTarget;
  zoom: number;
  reason: string;
  forcedBy: string | null;
}

interface Run extends Label {
  /** Analysis frames [start, end). */
  start: number;
  end: number;
}

export interface PlanSpeakerSegmentsInput {
  timeline: Timeline;
  lookup: FaceLookup;
  options: CameraOptions;
  directives?: CameraDirective[];
  /** Frame this person whenever one of their tracks is on screen (step 5b). */
  follow?: FollowTarget | null;
}

export interface PlanSpeakerSegmentsResult {
  segments: CameraSegment[];
  /** Tags that could not be applied (e.g. `[speaker 7]` where track 7 is not visible). */
  warnings: string[];
}

const SILENCE: CameraTarget = { kind: "center" }; // placeholder target of unfilled silence, never emitted

export const targetKey = (target: CameraTarget): string =>
  target.kind === "speaker"
    ? `speaker:${target.trackId}`
    : target.kind === "pair"
      ? `pair:${target.trackIds.join("+")}`
      : target.kind;

const describe = (target: CameraTarget): string =>
  target.kind === "speaker"
    ? `track ${target.trackId}`
    : target.kind === "pair"
      ? `tracks ${target.trackIds.join("+")}`
      : target.kind === "fit"
        ? "the whole frame"
        : "the centre";

const pairOf = (a: number, b: number): CameraTarget => ({ kind: "pair", trackIds: a < b ? [a, b] : [b, a] });

function toRuns(labels: Label[], offset: number): Run[] {
  const runs: Run[] = [];
  labels.forEach((label, i) => {
    const last = runs[runs.length - 1];
    if (last && sameLabel(last, label)) {
      last.end = offset + i + 1;
      addReason(last, label.reason);
    } else runs.push({ ...label, start: offset + i, end: offset + i + 1 });
  });
  return runs;
}

// Merged runs keep every distinct reason, e.g. "track 1 speaking; silence: staying on track 1".
function addReason(run: Label, reason: string) {
  if (run.reason !== reason && !run.reason.split("; ").includes(reason))
    run.reason = `${run.reason}; ${reason}`;
}

function sameLabel(a: Label, b: Label): boolean {
  return targetKey(a.target) === targetKey(b.target) && a.zoom === b.zoom && a.forcedBy === b.forcedBy;
}

function mergeAdjacent(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const last = out[out.length - 1];
    if (last && last.end === run.start && sameLabel(last, run)) {
      last.end = run.end;
      addReason(last, run.reason);
    } else out.push(run); // keeps identity: callers track runs in sets
  }
  return out;
}

const isSilence = (run: Label) => run.reason === "silence";

export function planSpeakerSegments(input: PlanSpeakerSegmentsInput): PlanSpeakerSegmentsResult {
  const { timeline, lookup, options } = input;
  const fps = lookup.analysisFps;
  const segments: CameraSegment[] = [];
  const warnings: string[] = [];
  const frames = (seconds: number) => Math.max(1, Math.round(seconds * fps));
  const visible = (trackId: number, frame: number) => lookup.boxAtFrame(trackId, frame) !== null;

  lookup.shots.forEach((shot, shotIndex) => {
    const s0 = shot.startFrame;
    const s1 = Math.min(shot.endFrame, lookup.frameCount);
    if (s1 <= s0) return;
    const length = s1 - s0;
    const shotTracks = lookup.tracks.filter((t) => t.startFrame < s1 && t.startFrame + t.frameCount > s0);
    const frameCountIn = (trackId: number, from = s0, to = s1) => {
      const t = lookup.track(trackId);
      return Math.max(0, Math.min(to, t.startFrame + t.frameCount) - Math.max(from, t.startFrame));
    };
    const labels: Label[] = new Array(length);

    // Step 1: the analysis's active speaker, where that speaker's face is visible.
    for (let f = s0; f < s1; f++) {
      const id = timeline.activeSpeaker[f] ?? -1;
      labels[f - s0] =
        id >= 0 && visible(id, f)
          ? {
              target: { kind: "speaker", trackId: id },
              zoom: 1,
              reason: `track ${id} speaking`,
              forcedBy: null,
            }
          : { target: SILENCE, zoom: 1, reason: "silence", forcedBy: null };
    }

    const pairSpans: { start: number; end: number; target: CameraTarget; reason: string }[] = [];

    // Step 2: quickTurnsForTwoShot consecutive short turns alternating between the same two people -> two-shot.
    const turns = mergeAdjacent(
      toRuns(labels, s0)
        .filter((r) => !isSilence(r))
        .map((r) => ({ ...r })),
    ).filter((r) => r.target.kind === "speaker");
    const turnGap = frames(0.6);
    const joined: Run[] = [];
    for (const turn of turns) {
      const last = joined[joined.length - 1];
      if (last && targetKey(last.target) === targetKey(turn.target) && turn.start - last.end <= turnGap)
        last.end = turn.end;
      else joined.push({ ...turn });
    }
    const quick = frames(options.quickTurnSeconds);
    for (let i = 0; i < joined.length; ) {
      let j = i;
      const ids = new Set<number>();
      while (j < joined.length) {
        const turn = joined[j]!;
        const id = (turn.target as { trackId: number }).trackId;
        const gapOk = j === i || turn.start - joined[j - 1]!.end <= turnGap;
        if (turn.end - turn.start >= quick || !gapOk || (!ids.has(id) && ids.size === 2)) break;
        ids.add(id);
        j++;
      }
      if (j - i >= options.quickTurnsForTwoShot && ids.size === 2) {
        const [a, b] = [...ids] as [number, number];
        const target = pairOf(a, b);
        pairSpans.push({
          start: joined[i]!.start,
          end: joined[j - 1]!.end,
          target,
          reason: `quick turn-taking: ${describe(target)}`,
        });
        i = j;
      } else i++;
    }
    for (const span of pairSpans) {
      for (let f = span.start; f < span.end; f++) {
        labels[f - s0] = { target: span.target, zoom: 1, reason: span.reason, forcedBy: null };
      }
    }

    // Step 3: a speaker run shorter than minTurnSeconds is a blip: keep framing whoever was framed before it.
    let runs = toRuns(labels, s0);
    const minTurn = frames(options.minTurnSeconds);
    runs.forEach((run, i) => {
      if (isSilence(run) || run.target.kind !== "speaker" || run.end - run.start >= minTurn) return;
      const before = runs
        .slice(0, i)
        .reverse()
        .find((r) => !isSilence(r));
      const after = runs.slice(i + 1).find((r) => !isSilence(r));
      const keep = before ?? after;
      if (keep) Object.assign(run, { target: keep.target, reason: keep.reason });
      else Object.assign(run, { target: SILENCE, reason: "silence" });
    });
    runs = mergeAdjacent(runs);

    // Step 4: silence: stay on the last speaker (or look ahead to the first one); optionally widen when long.
    const anyone = runs.some((r) => !isSilence(r));
    runs = runs.flatMap((run, i): Run[] => {
      if (!isSilence(run)) return [run];
      if (!anyone) return [{ ...run, ...nobodySpeaks(run.start, run.end) }];
      const before = runs
        .slice(0, i)
        .reverse()
        .find((r) => !isSilence(r));
      const after = runs.slice(i + 1).find((r) => !isSilence(r));
      const filled: Run = before
        ? { ...run, target: before.target, reason: `silence: staying on ${describe(before.target)}` }
        : {
            ...run,
            target: after!.target,
            reason: `silence at shot start: ${describe(after!.target)} speaks next`,
          };
      const widenAt = run.start + frames(options.widenAfterSilenceSeconds);
      if (options.silence === "widen" && widenAt < run.end) {
        return [
          { ...filled, end: widenAt },
          { ...filled, start: widenAt, target: { kind: "fit" }, reason: "long silence: widen" },
        ];
      }
      return [filled];
    });

    function nobodySpeaks(start: number, end: number): Label {
      const present = shotTracks
        .map((t) => ({ id: t.id, frames: frameCountIn(t.id, start, end) }))
        .filter((t) => t.frames > 0)
        .sort((a, b) => b.frames - a.frames);
      if (present.length === 0) {
        return { target: { kind: options.noFaceLayout }, zoom: 1, reason: "no face visible", forcedBy: null };
      }
      if (present.length === 1) {
        return {
          target: { kind: "speaker", trackId: present[0]!.id },
          zoom: 1,
          reason: `nobody speaks: the only face, track ${present[0]!.id}`,
          forcedBy: null,
        };
      }
      if (present.length === 2) {
        const target = pairOf(present[0]!.id, present[1]!.id);
        return { target, zoom: 1, reason: `nobody speaks: two faces, ${describe(target)}`, forcedBy: null };
      }
      return { target: { kind: "fit" }, zoom: 1, reason: "nobody speaks: many faces", forcedBy: null };
    }

    // Step 5: wherever the chosen face is not visible (track ended or starts later), use what is visible.
    const fixed: Label[] = new Array(length);
    for (const run of runs) {
      for (let f = run.start; f < run.end; f++) fixed[f - s0] = visibleLabel(run, f);
    }
    function visibleLabel(label: Label, f: number): Label {
      const t = label.target;
      if (t.kind === "speaker" && !visible(t.trackId, f))
        return briefGap(t.trackId, f) ? label : fallbackAt(f);
      if (t.kind === "pair") {
        const [a, b] = t.trackIds;
        const va = visible(a, f);
        const vb = visible(b, f);
        if (!va && !vb) return fallbackAt(f);
        if (!va || !vb) {
          const id = va ? a : b;
          return {
            ...label,
            target: { kind: "speaker", trackId: id },
            reason: `only track ${id} of the two visible`,
          };
        }
      }
      return label;
    }
    // A face missing for less than minTurnSeconds next to where it is seen (a detection dropout, or blank frames
    // before a cut) keeps its framing on the face's held box instead of flashing a fallback layout.
    function briefGap(trackId: number, f: number): boolean {
      let before = f - 1;
      while (before >= s0 && f - before < minTurn && !visible(trackId, before)) before--;
      let after = f + 1;
      while (after < s1 && after - f < minTurn && !visible(trackId, after)) after++;
      const seenBefore = before >= s0 && visible(trackId, before);
      const seenAfter = after < s1 && visible(trackId, after);
      const gap = (seenAfter ? after : s1) - (seenBefore ? before + 1 : s0);
      return (seenBefore || seenAfter) && gap < minTurn;
    }
    function fallbackAt(f: number): Label {
      const ids = lookup.tracksAtFrame(f);
      if (ids.length === 1) {
        return {
          target: { kind: "speaker", trackId: ids[0]! },
          zoom: 1,
          reason: "speaker's face lost: the only face",
          forcedBy: null,
        };
      }
      if (ids.length > 1)
        return { target: { kind: "fit" }, zoom: 1, reason: "speaker's face lost: widen", forcedBy: null };
      return { target: { kind: options.noFaceLayout }, zoom: 1, reason: "no face visible", forcedBy: null };
    }

    // Step 5b: follow one person: wherever one of their tracks is on screen (or only briefly lost), frame it,
    // speaking or not; elsewhere keep the automatic framing ("speaker") or show the whole frame ("wide"). Pinned
    // like a tag, so the minimum hold never folds it into someone else; tags still override it.
    const follow = input.follow;
    if (follow) {
      const mine = shotTracks.filter((t) => follow.trackIds.includes(t.id)).map((t) => t.id);
      const label = `follow ${follow.label}`;
      for (let f = s0; f < s1; f++) {
        const id = mine.find((t) => visible(t, f)) ?? mine.find((t) => briefGap(t, f));
        if (id !== undefined) {
          fixed[f - s0] = {
            target: { kind: "speaker", trackId: id },
            zoom: 1,
            reason: `following ${follow.label} (track ${id})`,
            forcedBy: label,
          };
        } else if (options.followFallback === "wide") {
          fixed[f - s0] = {
            target: { kind: "fit" },
            zoom: 1,
            reason: `${follow.label} not on screen: wide`,
            forcedBy: label,
          };
        }
      }
    }

    // Step 6: SRT tags override the automatic choice for their cue's time (the later cue wins where cues overlap).
    const sorted = [...(input.directives ?? [])].sort((a, b) => a.startSeconds - b.startSeconds);
    for (const directive of sorted) {
      const d0 = Math.max(s0, lookup.frameAtSeconds(directive.startSeconds));
      const d1 = Math.min(s1, lookup.frameAtSeconds(directive.endSeconds));
      if (d1 <= d0) continue;
      const forced = directive.force ? resolveForce(directive, d0, d1) : null;
      if (directive.force && !forced) continue;
      for (let f = d0; f < d1; f++) {
        const base = fixed[f - s0]!;
        const target = forced ?? base.target;
        if (
          forced &&
          (target.kind === "speaker" || target.kind === "pair") &&
          visibleLabel({ ...base, target }, f).target !== target
        ) {
          continue; // forced face not visible at this frame: keep the automatic framing there
        }
        fixed[f - s0] = {
          target,
          zoom: directive.zoom ?? (forced ? 1 : base.zoom),
          reason: forced
            ? `tag ${directive.label}: ${describe(target)}`
            : `${base.reason}, tag ${directive.label}`,
          forcedBy: directive.label,
        };
      }
    }
    function resolveForce(directive: CameraDirective, d0: number, d1: number): CameraTarget | null {
      const force = directive.force!;
      const candidates = shotTracks
        .map((t) => ({ id: t.id, frames: frameCountIn(t.id, d0, d1) }))
        .filter((t) => t.frames > 0);
      const warn = (why: string) => {
        warnings.push(`${directive.label} at ${directive.startSeconds.toFixed(2)} s ignored: ${why}`);
        return null;
      };
      if (force.kind === "wide") return { kind: "fit" };
      if (force.kind === "person") {
        const person = timeline.people?.find((p) => p.id === force.personId);
        const mine = candidates
          .filter((c) => person?.tracks.some((l) => l.track === c.id))
          .sort((a, b) => b.frames - a.frames);
        if (!person) return warn(`no person P${force.personId} in the timeline`);
        return mine.length > 0
          ? { kind: "speaker", trackId: mine[0]!.id }
          : warn(`P${force.personId} is not visible then`);
      }
      if (force.kind === "track") {
        return candidates.some((c) => c.id === force.trackId)
          ? { kind: "speaker", trackId: force.trackId }
          : warn(
              `track ${force.trackId} is not visible then (visible: ${candidates.map((c) => c.id).join(", ") || "none"})`,
            );
      }
      if (force.kind === "side") {
        if (candidates.length === 0) return warn("no face visible");
        const centre = (id: number) => {
          const box = lookup.medianBox(id, d0, d1);
          return box.x + box.width / 2;
        };
        const bySide = [...candidates].sort((a, b) => centre(a.id) - centre(b.id));
        const pick = force.side === "left" ? bySide[0]! : bySide[bySide.length - 1]!;
        return { kind: "speaker", trackId: pick.id };
      }
      const top = [...candidates].sort((a, b) => b.frames - a.frames);
      if (top.length < 2) return warn(`two-shot needs two visible faces, found ${top.length}`);
      return pairOf(top[0]!.id, top[1]!.id);
    }

    // Step 7: minimum hold: fold any automatic framing shorter than minHoldSeconds into a neighbour.
    runs = toRuns(fixed, s0);
    const minHold = frames(options.minHoldSeconds);
    const pinned = new Set<Run>();
    for (;;) {
      let shortest = -1;
      for (let i = 0; i < runs.length; i++) {
        const run = runs[i]!;
        if (runs.length < 2 || run.forcedBy || pinned.has(run) || run.end - run.start >= minHold) continue;
        if (shortest < 0 || run.end - run.start < runs[shortest]!.end - runs[shortest]!.start) shortest = i;
      }
      if (shortest < 0) break;
      const run = runs[shortest]!;
      // Prefer staying on the previous framing; take the next one where the previous is not visible.
      // Prefer an automatic neighbour; a flash under half the hold extends a tag's framing instead.
      const flash = run.end - run.start < minHold / 2;
      const neighbours = [runs[shortest - 1], runs[shortest + 1]]
        .filter((r): r is Run => !!r && (!r.forcedBy || flash))
        .sort((a, b) => Number(!!a.forcedBy) - Number(!!b.forcedBy));
      const into = neighbours.find((candidate) => {
        for (let f = run.start; f < run.end; f++) {
          if (visibleLabel(candidate, f).target !== candidate.target) return false;
        }
        return true;
      });
      if (!into) {
        pinned.add(run); // e.g. a face-lost fallback between two tags: keep it
        continue;
      }
      runs[shortest] = {
        ...run,
        target: into.target,
        zoom: into.zoom,
        reason: into.reason,
        forcedBy: into.forcedBy,
      };
      runs = mergeAdjacent(runs);
    }

    // Step 8: anticipate switches so the new speaker's first word is on screen (tags keep their exact times).
    const lead = options.anticipationSeconds;
    runs.forEach((run, i) => {
      const startSeconds =
        run.start === s0
          ? s0 / fps
          : Math.max(s0 / fps, run.start / fps - (run.forcedBy || runs[i - 1]?.forcedBy ? 0 : lead));
      const endSeconds = i === runs.length - 1 ? s1 / fps : 0;
      segments.push({
        startSeconds,
        endSeconds,
        shot: shotIndex,
        target: run.target,
        zoom: run.zoom,
        reason: run.reason,
        forcedBy: run.forcedBy ? run.forcedBy : null,
      });
      const previous = segments[segments.length - 2];
      if (i > 0 && previous) previous.endSeconds = startSeconds;
    });
  });
  return { segments, warnings };
}
