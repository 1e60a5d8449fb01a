// People on real faces: generated 30 s clips of three different people (test/helpers/people-media.ts, three recipes
// with other people and layouts) in 10 shots (close-ups, two-shots, wide shots; different positions and sizes) → tracks linked into people, and the camera
// following one person chosen by time or by a face image.
import { beforeAll, describe, expect, it } from "vitest";
import { planCamera, type CameraPlan } from "../src/compositions/camera";
import { PERSON_CONFIDENT_LINK } from "../src/decision/link-people";
import { resolveFollowInput } from "../src/render/resolve-follow-input";
import type { Timeline } from "../src/timeline";
import {
  faceImage,
  onScreen,
  PEOPLE_MAIN,
  PEOPLE_THIRD,
  PEOPLE_VARIANT,
  peopleTimeline,
  trackTruth,
  voiceSample,
  type PeopleRecipe,
  type PersonName,
} from "./helpers/people-media";

interface FollowCase {
  how: string;
  /**
   * A person id, a source time, "face-X" (X's face image), "voice@FROM" (2.5 s of the clip's soundtrack) or
   * "voice:X@FROM+SECONDS" (cut from X's source clip).
   */
  who: string;
  person: PersonName;
}

const RECIPES: { recipe: PeopleRecipe; follow: FollowCase[] }[] = [
  {
    recipe: PEOPLE_MAIN,
    follow: [
      { how: "time", who: "00:04.5", person: "B" },
      { how: "time (wide shot)", who: "0:13", person: "A" },
      { how: "image", who: "face-C", person: "C" },
      // B's close-up (18–21 s): a 2.5 s excerpt of the clip's own soundtrack, cut off the analysis frame grid.
      { how: "voice sample", who: "voice@18.37", person: "B" },
      // 1.5 s of A's original recording: heard in A's close-up and again in the two-shot beside B, where the
      // decision gives B the floor; the close-up decides.
      { how: "voice sample from the source recording", who: "voice:A@0.5+1.5", person: "A" },
    ],
  },
  {
    recipe: PEOPLE_VARIANT,
    follow: [
      { how: "time", who: "00:01.5", person: "B" },
      { how: "time (wide shot, small faces)", who: "0:22.5", person: "C" },
      { how: "image", who: "face-A", person: "A" },
      // A's close-up (6–9 s).
      { how: "voice sample", who: "voice@6.37", person: "A" },
    ],
  },
  {
    recipe: PEOPLE_THIRD,
    follow: [
      { how: "time", who: "00:07.5", person: "B" },
      { how: "time (wide shot)", who: "0:10.5", person: "A" },
      // C (face_1) and B (the upscaled crop) are the closest pair of different people in the media.
      { how: "image", who: "face-C", person: "C" },
      { how: "image (upscaled 224 px crop)", who: "face-B", person: "B" },
      // C's close-up (27–30 s). (An excerpt of B's close-up at 18–21 s is refused, "nobody on screen speaks": the
      // Light-ASD crop's soundtrack is its whole scene's, and the ASD scores B silent there; refusing is safe.)
      { how: "voice sample", who: "voice@27.37", person: "C" },
      // 1.5 s of A's original recording: heard in two-shots, the wide shot and A's close-up (12–15 s).
      { how: "voice sample from the source recording", who: "voice:A@2+1.5", person: "A" },
    ],
  },
];

describe.each(RECIPES)("people on the three-person clip ($recipe.name)", ({ recipe, follow }) => {
  let timeline: Timeline;
  let truth: Map<number, PersonName | null>;

  beforeAll(async () => {
    ({ timeline } = await peopleTimeline(recipe));
    truth = trackTruth(timeline, recipe);
  }, 300_000);

  it("links ≥ 95 % of tracks to the right person, with no confident wrong link", () => {
    const people = timeline.people!;
    expect(people).toBeDefined();
    // Each person's identity: the true person of most of its tracks; each true person's main person: its largest.
    const identity = new Map<number, PersonName | null>();
    for (const p of people) {
      const counts = new Map<PersonName | null, number>();
      for (const l of p.tracks) counts.set(truth.get(l.track)!, (counts.get(truth.get(l.track)!) ?? 0) + 1);
      identity.set(p.id, [...counts].sort((a, b) => b[1] - a[1])[0]![0]);
    }
    const main = new Map<PersonName, number>();
    for (const name of ["A", "B", "C"] as const) {
      const mine = people
        .filter((p) => identity.get(p.id) === name)
        .sort((a, b) => b.tracks.length - a.tracks.length);
      if (mine[0]) main.set(name, mine[0].id);
    }
    let right = 0;
    let confidentWrong = 0;
    const total = timeline.tracks.length;
    for (const p of people)
      for (const l of p.tracks) {
        const who = truth.get(l.track)!;
        if (who && main.get(who) === p.id) right++;
        else if (p.tracks.length > 1 && l.confidence >= PERSON_CONFIDENT_LINK) confidentWrong++;
      }
    console.log(
      `people (${recipe.name}): ${people.length} people from ${total} tracks; ${right}/${total} linked right (${((100 * right) / total).toFixed(1)} %), ${confidentWrong} confident wrong links; ` +
        people
          .map(
            (p) =>
              `P${p.id}=${identity.get(p.id)}[${p.tracks.map((l) => `${l.track}:${l.confidence}`).join(" ")}]`,
          )
          .join(" "),
    );
    expect(total).toBeGreaterThanOrEqual(17);
    expect(right / total).toBeGreaterThanOrEqual(0.95);
    expect(confidentWrong).toBe(0);
  });

  const followScore = (plan: CameraPlan, person: PersonName) => {
    let present = 0;
    let framed = 0;
    let someoneElse = 0;
    for (const frame of plan.frames) {
      if (onScreen(person, frame.sourceSeconds, recipe) !== true) continue;
      present++;
      const whom = frame.trackIds.map((id) => truth.get(id));
      if (whom.includes(person)) framed++;
      if (whom.some((w) => w !== person)) someoneElse++;
    }
    return { present, framed, someoneElse, share: framed / present };
  };

  const given = (who: string) => {
    if (who.startsWith("face-")) return faceImage(who.slice(5) as PersonName, recipe);
    if (who.startsWith("voice@")) return voiceSample("clip", Number(who.slice(6)), 2.5, recipe);
    const source = /^voice:([ABC])@([\d.]+)\+([\d.]+)$/.exec(who);
    if (source) return voiceSample(source[1] as PersonName, Number(source[2]), Number(source[3]), recipe);
    return who;
  };

  for (const { how, who, person } of follow) {
    it(`--follow by ${how} (${who}) frames ${person} in ≥ 98 % of their on-screen frames and never someone else`, async () => {
      const target = await resolveFollowInput({ timeline, who: given(who) });
      const plan = planCamera({ timeline, output: { width: 540, height: 960 }, fps: 25, follow: target });
      const score = followScore(plan, person);
      console.log(
        `follow (${recipe.name}) ${how} ${who} → ${target.label} (${target.how}): ${person} framed in ${score.framed}/${score.present} on-screen frames (${(100 * score.share).toFixed(1)} %), someone else in ${score.someoneElse}`,
      );
      expect(target.trackIds.every((id) => truth.get(id) === person)).toBe(true);
      expect(score.share).toBeGreaterThanOrEqual(0.98);
      expect(score.someoneElse).toBe(0);
    });
  }

  it("a voice that is not in the video's soundtrack matches nobody", async () => {
    const sample = voiceSample("D", 1.13, 2.5, recipe);
    const error = await resolveFollowInput({ timeline, who: sample }).catch((e: Error) => e);
    console.log(`follow (${recipe.name}) voice of someone else: ${(error as Error).message}`);
    expect((error as Error).message).toMatch(
      /^--follow \S+voice-\w+-D-1\.13-2\.5\.wav: the sample is not an excerpt of this video's soundtrack \(best correlation -?0\.\d\d at [\d.]+ s, needs 0\.9\)/,
    );
  });

  it("a face that is not in the video matches nobody", async () => {
    const error = await resolveFollowInput({ timeline, who: faceImage("D", recipe) }).catch((e: Error) => e);
    console.log(`follow (${recipe.name}) image of someone else: ${(error as Error).message}`);
    expect((error as Error).message).toMatch(
      /matches nobody in the video \(closest distance 0\.\d\d, threshold 0\.4\)$/,
    );
  });
});
