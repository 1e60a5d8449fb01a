import { Command } from "commander";
import { modelsCommand } from "./commands/models-command";
import { analyzeCommand } from "./commands/analyze-command";
import { evalCommand } from "./commands/eval-command";
import { renderCommand } from "./commands/render-command";
import { batchCommand } from "./commands/batch-command";
import { demoCommand } from "./commands/demo-command";
import { workerCommand } from "./commands/worker-command";
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
program.addCommand(batchCommand());
program.addCommand(demoCommand());
program.addCommand(workerCommand());

// A closed stdout (e.g. `speakerframe eval … | head`) is not an error worth a stack trace.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  throw error;
});

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
