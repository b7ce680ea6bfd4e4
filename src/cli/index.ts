import { Command, CommanderError } from 'commander';

/**
 * `logfed`: registers one command per file in `./commands`; each command's action stores its exit code.
 * Returns the exit code instead of exiting so tests can call `main` directly.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('logfed')
    .description('Log federation on AWS: split, analyze, digest and forward logs; summarize Terraform plans.')
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const exit = { code: 0 };
  // Load only the command asked for: every module pulls in its own dependencies (the AWS SDK among them),
  // which would otherwise cost each invocation ~0.1 s. Help and unknown commands load them all.
  const asked = argv[2] as string | undefined;
  const names = asked !== undefined && asked in COMMANDS ? [asked] : Object.keys(COMMANDS);
  for (const name of names) {
    const register = await COMMANDS[name]();
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

const COMMANDS: Record<string, () => Promise<CommandFactory>> = {
  // one entry per command file in ./commands; keep sorted
  analyze: async () => (await import('./commands/analyze')).analyzeCommand,
  digest: async () => (await import('./commands/digest')).digestCommand,
  forward: async () => (await import('./commands/forward')).forwardCommand,
  generate: async () => (await import('./commands/generate')).generateCommand,
  'plan-summary': async () => (await import('./commands/plan-summary')).planSummaryCommand,
  replay: async () => (await import('./commands/replay')).replayCommand,
  split: async () => (await import('./commands/split')).splitCommand,
  stacks: async () => (await import('./commands/stacks')).stacksCommand,
  'test-filter': async () => (await import('./commands/test-filter')).testFilterCommand,
};

if (require.main === module) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
