import { Command } from "commander";
import { modelsCommand } from "./commands/models-command";
import { reportFailure } from "./run-cli";
import packageJson from "../../package.json";

const program = new Command("speakerframe")
  .description("Turn landscape talking videos into 9:16 shorts whose camera follows whoever is speaking")
  .version(packageJson.version)
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program.addCommand(modelsCommand());

async function main(): Promise<void> {
  const controller = new AbortController();
  process.once("SIGINT", () => controller.abort());
  process.once("SIGTERM", () => controller.abort());
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help") return;
    process.exitCode = reportFailure(error);
  }
}

await main();
