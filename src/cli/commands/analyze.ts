import { Command } from 'commander';
import { analyze } from '../../analyze';
import { renderSummaryMarkdown } from '../../report';
import { storeFor, StoreError } from '../../store';
import { CliError } from '../errors';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface AnalyzeCommandOptions {
  readonly format: string;
  readonly out?: string;
  readonly workers?: string;
  readonly progress?: boolean;
}

const FORMATS = ['json', 'markdown'];

export function analyzeCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('analyze')
    .description(
      'Read log objects of any supported kind (CloudTrail files, JSON arrays, NDJSON, EMR step and cluster logs, ' +
        'Data Pipeline activity logs, Redshift load errors; gzip or plain) and print one summary: counts by ' +
        'service, event name, error, principal and hour, findings of the detection rules, pipeline health, and ' +
        'every object or record that could not be read, with the reason.',
    )
    .argument('<paths...>', 'files, folders, s3://bucket/key objects or s3://bucket/prefix/ prefixes')
    .option('--format <format>', 'json for machines (the summary contract), markdown for people', 'json')
    .option('--out <file>', 'write the summary to a file or s3:// object instead of stdout')
    .option('--workers <n>', 'threads analyzing objects in parallel (default: one per core)')
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nBad objects (empty, truncated gzip, invalid JSON or UTF-8, unknown format) are listed under "skipped";\n' +
        'the rest is analyzed. Files written with --out (json) can be merged with `logfed digest`.\n\n' +
        'Examples:\n' +
        '  logfed analyze samples/logs/\n' +
        '  logfed analyze s3://my-log-archive/AWSLogs/123456789012/CloudTrail/ --format markdown --out report.md',
    )
    .action(async (paths: string[], options: AnalyzeCommandOptions) => {
      exit.code = await runCommand('analyze', io, () => analyzeToOutput(paths, options, io));
    });
}

export async function analyzeToOutput(
  paths: readonly string[],
  options: AnalyzeCommandOptions,
  io: Io,
): Promise<number> {
  if (!FORMATS.includes(options.format)) {
    throw new CliError(`unknown --format "${options.format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  const workers = options.workers === undefined ? undefined : Number(options.workers);
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1)) {
    throw new CliError(`--workers must be a whole number of at least 1, got "${options.workers}"`);
  }
  const showProgress = wantsProgress(io, options.progress);
  const summary = await analyze(paths, {
    workers,
    onProgress: showProgress ? (done, total) => io.stderr.write(`\ranalyzed ${done}/${total} objects`) : undefined,
  }).catch((error: unknown) => {
    if (error instanceof StoreError) throw new CliError(`cannot read ${error.message}`, undefined, 1);
    throw error;
  });
  if (showProgress) io.stderr.write('\n');
  const text =
    options.format === 'json'
      ? `${JSON.stringify(summary, null, 2)}\n`
      : renderSummaryMarkdown(summary, { title: 'Log analysis' });
  if (options.out) {
    await storeFor(options.out).write(
      options.out,
      text,
      options.format === 'json' ? 'application/json' : 'text/markdown',
    );
  } else {
    io.stdout.write(text);
  }
  return 0;
}
