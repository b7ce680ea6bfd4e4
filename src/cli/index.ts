import { Command, CommanderError } from 'commander';
import { analyzeCommand } from './commands/analyze';
import { digestCommand } from './commands/digest';
import { generateCommand } from './commands/generate';
import { planSummaryCommand } from './commands/plan-summary';
import { splitCommand } from './commands/split';
import { stacksCommand } from './commands/stacks';
import { testFilterCommand } from './commands/test-filter';

/**
 * `logfed`: registers one command per file in `./commands`; each command's action stores its exit code.
 * Returns the exit code instead of exiting so tests can call `main` directly.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('logfed')
    .description('Log federation on AWS: split, analyze and digest logs; summarize Terraform plans.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const exit = { code: 0 };
  for (const register of COMMANDS) {
    // Subcommands added with addCommand do not inherit these settings; usage errors must return, not exit.
    program.addCommand(
      register(exit)
        .exitOverride()
        .configureOutput({ writeErr: (text) => process.stderr.write(text) }),
    );
  }
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? 0 : 2;
    }
    throw error;
  }
  return exit.code;
}

/** Each command module exports a factory taking the shared exit-code holder. */
export type CommandFactory = (exit: { code: number }) => Command;

const COMMANDS: CommandFactory[] = [
  // logfed:commands (one line per command; keep sorted)
  analyzeCommand,
  digestCommand,
  generateCommand,
  planSummaryCommand,
  splitCommand,
  stacksCommand,
  testFilterCommand,
];

if (require.main === module) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
