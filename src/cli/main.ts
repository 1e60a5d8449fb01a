import { Command } from "commander";
import { modelsCommand } from "./commands/models-command";
import { analyzeCommand } from "./commands/analyze-command";
import { evalCommand } from "./commands/eval-command";
import { renderCommand } from "./commands/render-command";
import { cliSignal } from "./cli-signal";
import { reportFailure } from "./run-cli";
import packageJson from "../../package.json";

const program = new Command("speakerframe")
  .description("Turn landscape talking videos into 9:16 shorts whose camera follows whoever is speaking")
  .version(packageJson.version)
  .exitOverride()
  .configureOutput({ writeErr: (text) => process.stderr.write(text) });

program.addCommand(modelsCommand());
program.addCommand(analyzeCommand());
program.addCommand(evalCommand());
program.addCommand(renderCommand());

async function main(): Promise<void> {
  cliSignal();
  try {
    await program.parseAsync(process.argv);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === "commander.helpDisplayed" || code === "commander.version" || code === "commander.help")
      return;
    process.exitCode = reportFailure(error);
  }
}

await main();
