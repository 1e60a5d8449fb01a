import { Command } from "commander";
import { fetchModels } from "../../analysis/models/fetch-models";
import { listModels } from "../../analysis/models/list-models";
import { ModelStoreError, resolveModelCache } from "../../analysis/models/model-cache";

export function modelsCommand(): Command {
  const models = new Command("models").description("fetch, build and list the model files");
  models
    .command("fetch")
    .description(
      "download (or copy from a mirror) every model in models/manifest.json, verify sha256, build ONNX",
    )
    .option(
      "--cache <dir>",
      "model cache folder (env SPEAKERFRAME_MODEL_CACHE; default ~/.cache/speakerframe/models)",
    )
    .option(
      "--from <dir>",
      "take files from this local mirror folder instead of the network (env SPEAKERFRAME_MODEL_MIRROR)",
    )
    .option("--no-build", "skip building the ONNX active-speaker models")
    .action(async (options: { cache?: string; from?: string; build: boolean }) => {
      const result = await fetchModels({
        cacheDir: options.cache,
        mirrorDir: options.from,
        onProgress: (event) =>
          process.stderr.write(`${event.status === "present" ? "ok     " : "fetched"} ${event.file}\n`),
      });
      if (options.build) await buildAllModels(result.cacheDir);
      process.stdout.write(`models ready in ${result.cacheDir}\n`);
    });
  models
    .command("build")
    .description("build the ONNX active-speaker models from the fetched checkpoints")
    .option("--cache <dir>", "model cache folder")
    .action(async (options: { cache?: string }) => {
      await buildAllModels(resolveModelCache(options.cache));
    });
  models
    .command("add-talknet")
    .description(
      "register your own TalkNet-ASD checkpoint (pretrain_TalkSet.model / pretrain_AVA.model) as --model talknet",
    )
    .argument("<checkpoint>", "TalkNet state_dict file")
    .option("--cache <dir>", "model cache folder")
    .action(async (checkpoint: string, options: { cache?: string }) => {
      const { addTalknetModel } = await import("../../analysis/models/add-talknet");
      const added = await addTalknetModel({ checkpointPath: checkpoint, cacheDir: options.cache });
      process.stderr.write(`${added.reused ? "ok     " : "built  "} ${added.id}.onnx\n`);
      process.stdout.write(`${added.id} (use --model talknet or --model ${added.id})\n`);
    });
  models
    .command("list")
    .description("show every manifest file with its status and licence")
    .option("--cache <dir>", "model cache folder")
    .option("--json", "print JSON")
    .action(async (options: { cache?: string; json?: boolean }) => {
      const listed = await listModels({ cacheDir: options.cache });
      if (options.json) {
        process.stdout.write(`${JSON.stringify(listed, null, 2)}\n`);
      } else {
        const rows = listed.map((m) => [m.status, m.file, String(m.bytes), m.license, m.builds ?? ""]);
        printTable(["status", "file", "bytes", "license", "builds"], rows);
        process.stdout.write(`cache: ${resolveModelCache(options.cache)}\n`);
      }
      // Listing is a report: files not fetched yet are a normal state (`models verify` is the check that fails).
    });
  models
    .command("verify")
    .description("check every manifest file's sha256; exit 1 when one is missing or corrupt")
    .option("--cache <dir>", "model cache folder")
    .action(async (options: { cache?: string }) => {
      const listed = await listModels({ cacheDir: options.cache });
      const bad = listed.filter((m) => m.status !== "valid");
      if (bad.length > 0) {
        const which = bad.map((m) => `${m.file} ${m.status}`).join(", ");
        throw new ModelStoreError(
          `${bad.length} of ${listed.length} model files in ${resolveModelCache(options.cache)} are not valid (${which}); run \`speakerframe models fetch\``,
        );
      }
      process.stdout.write(`${listed.length} model files valid in ${resolveModelCache(options.cache)}\n`);
    });
  return models;
}

async function buildAllModels(cacheDir: string): Promise<void> {
  const { buildCachedAsdModels } = await import("../../analysis/models/build-cached-asd-models");
  const built = await buildCachedAsdModels({
    cacheDir,
    onProgress: (id, status) =>
      process.stderr.write(`${status === "built" ? "built  " : "ok     "} ${id}.onnx\n`),
  });
  void built;
}

export function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  process.stdout.write(`${line(header)}\n${rows.map(line).join("\n")}\n`);
}
