// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line) in one process, one after
// another, and prints their markdown sections; results also go to bench/results/latest.md.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((name) => f.startsWith(name)))
  .sort();

const sections: string[] = [`# Benchmark run ${new Date().toISOString()}`, ""];
for (const file of files) {
  const module = (await import(join(here, file))) as { default: () => Promise<string> };
  console.error(`bench: ${file}`);
  const section = await module.default();
  console.log(section);
  sections.push(section, "");
}
mkdirSync(join(here, "results"), { recursive: true });
writeFileSync(join(here, "results", "latest.md"), sections.join("\n"));
