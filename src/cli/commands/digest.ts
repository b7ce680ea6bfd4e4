import { Command, Option } from 'commander';
import { digestJson, digestMarkdown, digestRawLogs, digestSummaries } from '../../digest';
import type { DigestProgress } from '../../digest';
import { resolveWindow } from '../../digest';
import { storeFor } from '../../store';
import { SEVERITIES } from '../../summary/types';
import type { Severity } from '../../summary/types';
import { EXIT } from '../exit-codes';
import { atOrAbove, failOnOption, formatOption, wholeNumber } from '../options';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface DigestCommandOptions {
  readonly source: string;
  readonly since?: string;
  readonly until?: string;
  readonly hours?: string;
  readonly format: 'markdown' | 'json';
  readonly out?: string;
  readonly maxFindings: number;
  readonly progress?: boolean;
  readonly raw?: boolean;
  readonly failOn?: Severity;
}

export function digestCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('digest')
    .description(
      'Merge the log summaries of a time window (a folder or s3:// prefix, e.g. the summaries/ prefix the Lambda ' +
        'writes, or files from `logfed analyze --out`) into one report: headline numbers, findings by severity, ' +
        'events by service, errors, top principals, pipeline health and events per hour.',
    )
    .requiredOption('--source <location>', 'folder, file or s3://bucket/prefix holding summary JSON files')
    .option('--since <iso>', 'window start, ISO 8601 (default: --hours before --until)')
    .addOption(
      new Option('--until <iso>', 'window end, exclusive, ISO 8601 (default: now, or --hours after --since)').conflicts(
        'hours',
      ),
    )
    .option('--hours <n>', 'window length in hours (default 24); use with --since or alone, not with --until')
    .addOption(formatOption(['markdown', 'json'], 'markdown', 'markdown for people, json for machines'))
    .option('--out <file>', 'write the report to a file or s3:// object instead of stdout')
    .addOption(
      new Option('--max-findings <n>', 'findings listed in full in the Markdown report')
        .argParser(wholeNumber(1))
        .default(25),
    )
    .addOption(failOnOption())
    .option('--raw', 'analyze the raw log objects under --source written during the window, instead of summaries')
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nSummaries overlapping the window are merged whole (windows are exact to the log object).\n' +
        'With --raw, the log objects delivered during the window (by modification time) are analyzed instead.\n' +
        'Unreadable summary files and log objects are listed under "Skipped objects" with the reason, and the\n' +
        'exit code is 1.\n\n' +
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
  const window = resolveWindow(options, now);
  const showProgress = wantsProgress(io, options.progress);
  const result = await (options.raw ? digestRawLogs : digestSummaries)({
    source: options.source,
    window,
    onProgress: showProgress ? (p) => io.stderr.write(progressLine(p)) : undefined,
  });
  if (showProgress) io.stderr.write('\n');
  const report = options.format === 'json' ? digestJson(result) : digestMarkdown(result, options.maxFindings);
  if (options.out) {
    await storeFor(options.out).write(
      options.out,
      report,
      options.format === 'json' ? 'application/json' : 'text/markdown',
    );
  } else {
    io.stdout.write(report);
  }
  const flagged = SEVERITIES.some((s) => result.findingsBySeverity[s] > 0 && atOrAbove(s, options.failOn));
  return result.skipped > 0 || flagged ? EXIT.attention : EXIT.ok;
}

/** The listing is read as the summaries are, so its total is known only at the end. */
function progressLine(p: DigestProgress): string {
  const n = (value: number) => value.toLocaleString('en-US');
  const read = p.complete
    ? `${n(p.read)} of ${n(p.listed)} summaries`
    : `${n(p.read)} summaries (${n(p.listed)} listed)`;
  return `\rlogfed digest: read ${read}, ${n(p.inWindow)} in the window`;
}
