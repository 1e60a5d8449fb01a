// `npm run eval:bench [-- --ci | --case ID … | --tag NAME | --reanalyse | --decide MODULE | --list]`: builds the generated
// speaker cases (bench/speaker-bench/speaker-cases.ts), analyses each with the default analysis (timelines cached
// beside the cases per --tag), evaluates the decision (the timeline's activeSpeaker, or MODULE's default export
// `(timeline) => number[]`), prints the markdown table and writes JSON + markdown to bench/results/.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { evaluateSpeakerBench, type SpeakerDecision } from "./evaluate-speaker-bench";
import { SPEAKER_CASES } from "./speaker-cases";
import { caseSeconds } from "./speaker-case-spec";

function parseArgs(argv: string[]) {
  const args = {
    ci: false,
    caseIds: [] as string[],
    tag: "default",
    reanalyse: false,
    decide: "",
    list: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") continue;
    else if (arg === "--ci") args.ci = true;
    else if (arg === "--reanalyse") args.reanalyse = true;
    else if (arg === "--list") args.list = true;
    else if (arg === "--case" && argv[i + 1]) args.caseIds.push(argv[++i]!);
    else if (arg === "--tag" && argv[i + 1]) args.tag = argv[++i]!;
    else if (arg === "--decide" && argv[i + 1]) args.decide = argv[++i]!;
    else
      throw new Error(
        `eval:bench: unknown argument "${arg}" (allowed: --ci, --case ID, --tag NAME, --reanalyse, --decide MODULE, --list)`,
      );
  }
  return args;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const unknown = args.caseIds.filter((id) => !SPEAKER_CASES.some((c) => c.id === id));
  if (unknown.length)
    throw new Error(
      `eval:bench: no case "${unknown[0]}" (cases: ${SPEAKER_CASES.map((c) => c.id).join(", ")})`,
    );
  const cases = SPEAKER_CASES.filter(
    (c) => (!args.ci || c.ci) && (args.caseIds.length === 0 || args.caseIds.includes(c.id)),
  );
  if (args.list) {
    console.log("| case | split | seconds | ci | kinds | what |\n| --- | --- | --: | --- | --- | --- |");
    for (const c of cases)
      console.log(
        `| ${c.id} | ${c.split} | ${caseSeconds(c)} | ${c.ci ? "yes" : ""} | ${c.kinds.join(", ")} | ${c.description} |`,
      );
    return;
  }
  const decide = args.decide
    ? ((await import(resolve(args.decide))) as { default: SpeakerDecision }).default
    : undefined;
  const run = await evaluateSpeakerBench({ cases, tag: args.tag, reanalyse: args.reanalyse, decide });
  console.log(run.markdown);
  const results = resolve(dirname(fileURLToPath(import.meta.url)), "..", "results");
  mkdirSync(results, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const json = JSON.stringify(
    {
      date: new Date().toISOString(),
      tag: run.tag,
      cases: run.cases.map((c) => ({
        id: c.spec.id,
        split: c.spec.split,
        kinds: c.spec.kinds,
        seconds: c.seconds,
        analysisSeconds: c.analysisSeconds,
        dir: c.dir,
        metrics: c.result.metrics,
        turns: c.result.counts.floorTurns,
        changes: c.result.counts.changes,
      })),
      pooled: run.pooled,
    },
    (key, value) => (key === "scorePairs" ? undefined : value),
    1,
  );
  writeFileSync(join(results, `speaker-bench-${run.tag}-${stamp}.json`), json);
  writeFileSync(join(results, `speaker-bench-${run.tag}-latest.md`), run.markdown + "\n");
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
