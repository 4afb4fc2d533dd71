import { Command, CommanderError } from 'commander';
import { knownEngines } from '../engines/index.js';
import { HarnessError } from '../errors.js';
import { packageVersion } from '../util/package-version.js';
import { addCommands, type CliActions } from './commands.js';

export type { CliActions } from './commands.js';

const AFTER_HELP = `
The runtime is --runtime, else $WANLAB_RUNTIME, else the topology's \`runtime\` (process).
The engine is --engine, else $WANLAB_ENGINE, else the topology's \`engine\` (wanlab);
known engines: ${knownEngines().join(', ')}.
\`wanlab <command> --help\` describes a command.`;

/** Where commander writes: the terminal, or a test's buffers. */
export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const terminal: CliOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/** `wanlab` with its subcommands; each action reports its exit code through `setCode`. */
export function buildProgram(
  actions: CliActions,
  setCode: (code: number) => void,
  output: CliOutput = terminal,
): Command {
  const program = new Command('wanlab')
    .description('a multi-site (WAN) replication lab: engine, harness and conformance reports')
    .version(packageVersion(), '-V, --version', 'print the version of wanlab')
    .helpCommand('help [command]', 'describe a command')
    .showSuggestionAfterError(true)
    .addHelpText('after', AFTER_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: output.out,
      writeErr: output.err,
      outputError: (text, write) => write(usageErrorText(text)),
    });
  addCommands(program, actions, setCode);
  for (const command of program.commands) {
    command.exitOverride().showSuggestionAfterError(true);
    command.configureOutput(program.configureOutput());
  }
  return program;
}

/** Commander's "error: unknown option '--seeed'\n(Did you mean --seed?)" as a WANLAB_USAGE error. */
function usageErrorText(text: string): string {
  const body = text.replace(/^error: /, '').trimEnd();
  return `error WANLAB_USAGE: ${body}\nhint: \`wanlab --help\` lists the commands, \`wanlab <command> --help\` their options\n`;
}

/**
 * Runs the command line: the action's exit code; 0 after --help or --version; 2 for a usage
 * error (unknown command or option, missing argument), which commander has printed with a
 * "did you mean". A HarnessError of an action propagates to the caller.
 */
export async function runCli(
  argv: readonly string[],
  actions: CliActions,
  output: CliOutput = terminal,
): Promise<number> {
  let code = 0;
  const program = buildProgram(actions, (c) => (code = c), output);
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    return commanderExitCode(error);
  }
  return code;
}

const ZERO_EXITS = new Set(['commander.helpDisplayed', 'commander.version']);

function commanderExitCode(error: CommanderError): number {
  if (ZERO_EXITS.has(error.code)) return 0;
  // `wanlab help` and `wanlab help <command>` print help on purpose; `wanlab` alone is a mistake.
  if (error.code === 'commander.help' && error.exitCode === 0) return 0;
  return 2;
}

/** A usage mistake found by an action (e.g. two files where one is expected). */
export function usageError(message: string, command: string): HarnessError {
  return new HarnessError(
    'WANLAB_USAGE',
    message,
    `\`wanlab ${command} --help\` describes its arguments and options`,
  );
}
