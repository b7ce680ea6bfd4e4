import { Command, CommanderError } from 'commander';
import { version } from '../../package.json';
import { removeTempDirsSync } from '../temp-dirs';
import { EXIT, EXIT_CODES_HELP } from './exit-codes';
import { commandStopsCleanly } from './run';

/**
 * `logfed`: registers one command per file in `./commands`; each command's action stores its exit code.
 * Returns the exit code instead of exiting so tests can call `main` directly.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('logfed')
    .description('Log federation on AWS: split, load, analyze, digest and forward logs; summarize Terraform plans.')
    .version(version, '-V, --version', 'print the version of logfed')
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeErr: (text) => process.stderr.write(text),
      outputError: (text, write) => write(`logfed: ${text.replace(/^error: /, '')}`),
    });
  const exit = { code: EXIT.ok as number };
  // Load only the command asked for: every module pulls in its own dependencies (the AWS SDK among them),
  // which would otherwise cost each invocation ~0.1 s. Help and unknown commands load them all.
  const asked = argv[2] as string | undefined;
  const names = asked !== undefined && asked in COMMANDS ? [asked] : Object.keys(COMMANDS);
  for (const name of names) {
    const register = COMMANDS[name]();
    // Subcommands added with addCommand do not inherit these settings; usage errors must return, not exit,
    // and read like every other error: `logfed <command>: <reason>`.
    program.addCommand(
      register(exit)
        .addHelpText('after', EXIT_CODES_HELP)
        .exitOverride()
        .configureOutput({
          writeErr: (text) => process.stderr.write(text),
          outputError: (text, write) => write(`logfed ${name}: ${text.replace(/^error: /, '')}`),
        }),
    );
  }
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failed;
    }
    throw error;
  }
  return exit.code;
}

/**
 * The process entry point (`bin/logfed.js`): runs `main` and sets the exit code. On SIGINT or SIGTERM it
 * removes the running command's temporary folders and exits 130 at once.
 */
export async function run(argv: readonly string[]): Promise<void> {
  const interrupted = (signal: NodeJS.Signals): void => {
    // forward and replay stop on their own: what they read is delivered or spilled, then they return 130.
    if (commandStopsCleanly()) return;
    removeTempDirsSync();
    process.stderr.write(`logfed: interrupted (${signal}); temporary files removed\n`);
    process.exit(EXIT.interrupted);
  };
  process.on('SIGINT', interrupted).on('SIGTERM', interrupted);
  process.exitCode = await main(argv);
}

/** Each command module exports a factory taking the shared exit-code holder. */
export type CommandFactory = (exit: { code: number }) => Command;

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on demand, see `main`; under `module: node16`
   an import() here would be an ECMAScript import, which needs file extensions and the ESM loader. */
const COMMANDS: Record<string, () => CommandFactory> = {
  // one entry per command file in ./commands; keep sorted
  analyze: () => (require('./commands/analyze') as typeof import('./commands/analyze')).analyzeCommand,
  'check-stacks': () =>
    (require('./commands/check-stacks') as typeof import('./commands/check-stacks')).checkStacksCommand,
  digest: () => (require('./commands/digest') as typeof import('./commands/digest')).digestCommand,
  forward: () => (require('./commands/forward') as typeof import('./commands/forward')).forwardCommand,
  generate: () => (require('./commands/generate') as typeof import('./commands/generate')).generateCommand,
  load: () => (require('./commands/load') as typeof import('./commands/load')).loadCommand,
  'plan-summary': () =>
    (require('./commands/plan-summary') as typeof import('./commands/plan-summary')).planSummaryCommand,
  replay: () => (require('./commands/replay') as typeof import('./commands/replay')).replayCommand,
  split: () => (require('./commands/split') as typeof import('./commands/split')).splitCommand,
  stacks: () => (require('./commands/stacks') as typeof import('./commands/stacks')).stacksCommand,
  'test-filter': () => (require('./commands/test-filter') as typeof import('./commands/test-filter')).testFilterCommand,
};
/* eslint-enable @typescript-eslint/no-require-imports */

if (require.main === module) void run(process.argv);
