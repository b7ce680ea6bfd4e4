import { Command, Option } from 'commander';
import { analyze } from '../../analyze';
import { renderSummaryMarkdown } from '../../report';
import { storeFor, StoreError } from '../../store';
import type { Severity } from '../../summary/types';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { atOrAbove, failOnOption, formatOption, wholeNumber } from '../options';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface AnalyzeCommandOptions {
  readonly format: 'json' | 'markdown';
  readonly out?: string;
  readonly workers?: number;
  readonly progress?: boolean;
  readonly failOn?: Severity;
}

export function analyzeCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('analyze')
    .description(
      'Read log objects of any supported kind (CloudTrail files, JSON arrays, NDJSON, EMR step and cluster logs, ' +
        'Data Pipeline activity logs, Redshift load errors; gzip or plain) and print one summary: counts by ' +
        'service, event name, error, principal and hour, findings of the detection rules, pipeline health, and ' +
        'every object or record that could not be read, with the reason.',
    )
    .argument('<paths...>', 'files, folders, s3://bucket/key objects or s3://bucket/prefix/ prefixes')
    .addOption(
      formatOption(['json', 'markdown'], 'json', 'json for machines (the summary contract), markdown for people'),
    )
    .option('--out <file>', 'write the summary to a file or s3:// object instead of stdout')
    .addOption(
      new Option('--workers <n>', 'threads analyzing objects in parallel (default: one per core)').argParser(
        wholeNumber(1),
      ),
    )
    .addOption(failOnOption())
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nBad objects (empty, truncated gzip, invalid JSON or UTF-8, unknown format) are listed under "skipped";\n' +
        'the rest is analyzed, and the exit code is 1. Files written with --out (json) can be merged with\n' +
        '`logfed digest`.\n\n' +
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
  const showProgress = wantsProgress(io, options.progress);
  const summary = await analyze(paths, {
    workers: options.workers,
    onProgress: showProgress ? (done, total) => io.stderr.write(`\ranalyzed ${done}/${total} objects`) : undefined,
  }).catch((error: unknown) => {
    if (error instanceof StoreError) throw new CliError(`cannot read ${error.message}`);
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
  const attention = summary.skipped.length > 0 || summary.findings.some((f) => atOrAbove(f.severity, options.failOn));
  return attention ? EXIT.attention : EXIT.ok;
}
