import { Command, Option } from 'commander';
import { generate, techniquesNamed } from '../../generate';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { wholeNumber } from '../options';
import { Io, processIo, runCommand } from '../run';

export interface GenerateCommandOptions {
  readonly events: number;
  readonly out: string;
  readonly seed: number;
  readonly inject?: string;
  readonly files?: number;
  readonly start: string;
}

export function generateCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('generate')
    .description(
      'Write deterministic synthetic CloudTrail delivery files (AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/…' +
        'json.gz): a benign mix of services, people with MFA, read-only analysts, pipeline roles and AWS services, ' +
        'with optional events of Stratus Red Team techniques mixed in. For demos, load tests and benchmarks.',
    )
    .addOption(new Option('--events <n>', 'benign events in total').argParser(wholeNumber(0)).makeOptionMandatory())
    .requiredOption('--out <dir>', 'folder or s3://bucket/prefix to write under')
    .addOption(
      new Option('--seed <n>', 'the same seed gives byte-identical files').argParser(wholeNumber(0)).default(1),
    )
    .option('--inject <techniques>', 'comma-separated technique ids (e.g. aws.defense-evasion.cloudtrail-stop), or all')
    .addOption(
      new Option('--files <k>', 'number of delivery files (default: one per 2,000 events)').argParser(wholeNumber(1)),
    )
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
  const result = await generate({ ...options, inject });
  io.stdout.write(
    `${JSON.stringify({ files: result.files.length, events: result.events, injected: result.injected })}\n`,
  );
  return EXIT.ok;
}
