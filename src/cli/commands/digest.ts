import { Command } from 'commander';
import { digestJson, digestMarkdown, digestRawLogs, digestSummaries } from '../../digest';
import type { DigestProgress } from '../../digest';
import { positiveNumber, resolveWindow } from '../../digest';
import { storeFor } from '../../store';
import { CliError } from '../errors';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface DigestCommandOptions {
  readonly source: string;
  readonly since?: string;
  readonly until?: string;
  readonly hours?: string;
  readonly format: string;
  readonly out?: string;
  readonly maxFindings: string;
  readonly progress?: boolean;
  readonly raw?: boolean;
}

const FORMATS = ['markdown', 'json'];

export function digestCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('digest')
    .description(
      'Merge the log summaries of a time window (a folder or s3:// prefix, e.g. the summaries/ prefix the Lambda ' +
        'writes, or files from `logfed analyze --out`) into one report: headline numbers, findings by severity, ' +
        'events by service, errors, top principals, pipeline health and events per hour.',
    )
    .requiredOption('--source <location>', 'folder, file or s3://bucket/prefix holding summary JSON files')
    .option('--since <iso>', 'window start, ISO 8601 (default: --hours before --until)')
    .option('--until <iso>', 'window end, exclusive, ISO 8601 (default: now, or --hours after --since)')
    .option('--hours <n>', 'window length in hours (default 24); use with --since or alone, not with --until')
    .option('--format <format>', 'markdown for people, json for machines', 'markdown')
    .option('--out <file>', 'write the report to a file or s3:// object instead of stdout')
    .option('--max-findings <n>', 'findings listed in full in the Markdown report', '25')
    .option('--raw', 'analyze the raw log objects under --source written during the window, instead of summaries')
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nSummaries overlapping the window are merged whole (windows are exact to the log object).\n' +
        'With --raw, the log objects delivered during the window (by modification time) are analyzed instead.\n' +
        'Unreadable summary files and log objects are listed under "Skipped objects" with the reason.\n\n' +
        'Examples:\n' +
        '  logfed digest --source s3://my-log-archive/summaries/ --hours 24\n' +
        '  logfed digest --source ./summaries --since 2026-11-01T00:00:00Z --until 2026-11-08T00:00:00Z --format json\n' +
        '  logfed digest --source s3://my-trail-bucket/AWSLogs/ --raw --hours 6',
    )
    .action(async (options: DigestCommandOptions) => {
      exit.code = await runCommand('digest', io, () => digest(options, io));
    });
}

export async function digest(options: DigestCommandOptions, io: Io, now = new Date()): Promise<number> {
  if (!FORMATS.includes(options.format)) {
    throw new CliError(`unknown --format "${options.format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  const maxFindings = positiveInteger('--max-findings', options.maxFindings);
  const window = resolveWindow(options, now);
  const showProgress = wantsProgress(io, options.progress);
  const result = await (options.raw ? digestRawLogs : digestSummaries)({
    source: options.source,
    window,
    onProgress: showProgress ? (p) => io.stderr.write(progressLine(p)) : undefined,
  });
  if (showProgress) io.stderr.write('\n');
  const report = options.format === 'json' ? digestJson(result) : digestMarkdown(result, maxFindings);
  if (options.out) {
    await storeFor(options.out).write(
      options.out,
      report,
      options.format === 'json' ? 'application/json' : 'text/markdown',
    );
  } else {
    io.stdout.write(report);
  }
  return 0;
}

function positiveInteger(name: string, value: string): number {
  const n = positiveNumber(name, value);
  if (!Number.isInteger(n)) throw new CliError(`${name} must be a whole number, got "${value}"`);
  return n;
}

function progressLine(p: DigestProgress): string {
  return `\rlogfed digest: read ${p.read.toLocaleString('en-US')} of ${p.listed.toLocaleString('en-US')} summaries, ${p.inWindow.toLocaleString('en-US')} in the window`;
}
