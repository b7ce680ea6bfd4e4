import { Command } from 'commander';
import { environmentsOf, readManifest } from '../../gitops/manifest';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { formatOption } from '../options';
import { Io, processIo, runCommand } from '../run';

export interface StacksCommandOptions {
  readonly manifest: string;
  readonly env?: string;
  readonly format: 'lines' | 'matrix' | 'environments';
  /** Leave out the `<env>-bootstrap` stacks, which an admin applies with their own credentials. */
  readonly withoutBootstrap?: boolean;
}

export function stacksCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('stacks')
    .description(
      'List the synthesized stacks in apply order (dependencies first), for the plan, apply and drift workflows.',
    )
    .option('--manifest <file>', 'the manifest written by `npm run synth`', 'cdktf.out/manifest.json')
    .option('--env <name>', 'only the stacks of this environment')
    .option(
      '--without-bootstrap',
      'leave out the <env>-bootstrap stacks (an admin applies them; the apply role may not change them)',
    )
    .addOption(
      formatOption(
        ['lines', 'matrix', 'environments'],
        'lines',
        'lines: one stack id per line; matrix: JSON [{stack, environment, directory}] for a workflow matrix; ' +
          'environments: JSON list of environment names in apply order',
      ),
    )
    .action(async (options: StacksCommandOptions) => {
      exit.code = await runCommand('stacks', io, () => stacks(options, io));
    });
}

export async function stacks(options: StacksCommandOptions, io: Io): Promise<number> {
  const all = readManifest(options.manifest);
  const selected = all.filter(
    (s) =>
      (options.env === undefined || s.environment === options.env) &&
      !(options.withoutBootstrap && s.stack.endsWith('-bootstrap')),
  );
  if (selected.length === 0) {
    throw new CliError(
      options.env === undefined ? 'the manifest lists no stacks' : `no stacks for environment "${options.env}"`,
      `environments in the manifest: ${environmentsOf(all).join(', ') || 'none'}`,
    );
  }
  if (options.format === 'lines') io.stdout.write(selected.map((s) => `${s.stack}\n`).join(''));
  if (options.format === 'matrix') io.stdout.write(`${JSON.stringify(selected)}\n`);
  if (options.format === 'environments') io.stdout.write(`${JSON.stringify(environmentsOf(selected))}\n`);
  return EXIT.ok;
}
