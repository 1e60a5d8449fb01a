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
import { bindServersToLoopback } from "../render/bind-servers-to-loopback";
import packageJson from "../../package.json";

// Remotion's render server would listen on every interface: nothing this CLI starts is reachable from the network.
bindServersToLoopback();

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

// Usage errors of every subcommand come back here as a CommanderError, so they print as one `speakerframe:` line
// with exit code 2 like the top level's, instead of commander's own `error: …` and exit 1.
function configureUsageErrors(command: Command): void {
  command.exitOverride().configureOutput({
    writeErr: (text) => process.stderr.write(text),
    outputError: () => undefined,
  });
  for (const sub of command.commands) configureUsageErrors(sub);
}
configureUsageErrors(program);

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
// A failed browser start or a library's stray timer or socket must not keep the CLI alive once its command is done;
// exit hooks still remove temp folders and stop child processes.
process.exit();
