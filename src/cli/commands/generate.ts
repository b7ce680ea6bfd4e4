import { Command } from 'commander';
import { generate, techniquesNamed } from '../../generate';
import { CliError } from '../errors';
import { Io, processIo, runCommand } from '../run';

export interface GenerateCommandOptions {
  readonly events: string;
  readonly out: string;
  readonly seed: string;
  readonly inject?: string;
  readonly files?: string;
  readonly start: string;
}

export function generateCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('generate')
    .description(
      'Write deterministic synthetic CloudTrail delivery files (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…' +
        'json.gz): a benign mix of services, people with MFA, read-only analysts, pipeline roles and AWS services, ' +
        'with optional events of Stratus Red Team techniques mixed in. For demos, load tests and benchmarks.',
    )
    .requiredOption('--events <n>', 'benign events in total')
    .requiredOption('--out <dir>', 'folder or s3://bucket/prefix to write under')
    .option('--seed <n>', 'the same seed gives byte-identical files', '1')
    .option('--inject <techniques>', 'comma-separated technique ids (e.g. aws.defense-evasion.cloudtrail-stop), or all')
    .option('--files <k>', 'number of delivery files (default: one per 2,000 events)')
    .option('--start <iso>', 'time of the first file; each file covers five minutes', '2026-11-27T00:00:00Z')
    .addHelpText(
      'after',
      '\nPrints {"files":k,"events":n,"injected":m} when done.\n\n' +
        'Examples:\n' +
        '  logfed generate --events 100000 --out /tmp/trail\n' +
        '  logfed generate --events 5000 --files 3 --inject aws.defense-evasion.cloudtrail-stop --out s3://demo-bucket/',
    )
    .action(async (options: GenerateCommandOptions) => {
      exit.code = await runCommand('generate', io, () => generateFiles(options, io));
    });
}

export async function generateFiles(options: GenerateCommandOptions, io: Io): Promise<number> {
  const events = wholeNumber('--events', options.events, 0);
  const seed = wholeNumber('--seed', options.seed, 0);
  const files = options.files === undefined ? undefined : wholeNumber('--files', options.files, 1);
  if (Number.isNaN(Date.parse(options.start)))
    throw new CliError(`--start is not an ISO 8601 time: "${options.start}"`);
  let inject;
  try {
    inject = options.inject ? techniquesNamed(options.inject.split(',').map((name) => name.trim())) : [];
  } catch (error) {
    throw new CliError(
      (error as Error).message,
      'use --inject all, or technique ids from reference/stratus-aws-techniques.json',
    );
  }
  const result = await generate({ events, out: options.out, seed, inject, files, start: options.start });
  io.stdout.write(
    `${JSON.stringify({ files: result.files.length, events: result.events, injected: result.injected })}\n`,
  );
  return 0;
}

function wholeNumber(name: string, value: string, min: number): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new CliError(`${name} must be a whole number of at least ${min}, got "${value}"`);
  return n;
}
