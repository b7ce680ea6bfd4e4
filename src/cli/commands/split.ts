import { Command } from 'commander';
import { DEFAULT_SLICES, parseSize, splitFile, SplitError, SplitOptions } from '../../split';
import { CliError } from '../errors';
import { progressBar } from '../progress';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface SplitCommandOptions {
  readonly out?: string;
  readonly chunks?: string;
  readonly chunkSize?: string;
  readonly slices: string;
  readonly gzip?: boolean;
  readonly gzipLevel: string;
  readonly progress?: boolean;
}

export function splitCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('split')
    .description(
      'Split one log file (plain, gzip or bzip2; local or s3://) into line-aligned chunks of near-equal size ' +
        'and write a Redshift COPY manifest.json beside them.',
    )
    .argument('<input>', 'the file or s3:// object to split')
    .requiredOption('--out <dir>', 'folder or s3://bucket/prefix for part-00000… and manifest.json')
    .option('--chunks <n>', 'exact number of chunks')
    .option(
      '--chunk-size <size>',
      'largest uncompressed chunk, e.g. 64MiB or 1GB; the count is rounded up to a multiple of --slices',
    )
    .option(
      '--slices <n>',
      'Redshift slice count the chunk count is a multiple of (with --chunk-size)',
      String(DEFAULT_SLICES),
    )
    .option('--gzip', 'gzip the chunks (part-00000.gz…)')
    .option('--gzip-level <1-9>', 'gzip level', '6')
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nEvery input line lands in exactly one chunk, in input order: part-00000 holds the first lines. Chunk i ' +
        'ends after the line holding\nbyte floor(i·size/N)-1, so chunks are within a line of equal size; a line ' +
        'longer than a chunk stays whole and later chunks\nmay be empty. Exactly N chunks are always written (empty ' +
        'ones too). A missing final newline is added; CR and any other byte\nare kept. Compressed and s3:// inputs ' +
        'are first staged uncompressed in the temp folder. manifest.json is written last and\nonly on success; ' +
        'a failed run may leave chunks but never a manifest.\n\n' +
        'Examples:\n' +
        '  logfed split app.log.gz --out s3://loads/app/2026-11-28 --chunk-size 256MiB --slices 4 --gzip\n' +
        '  logfed split big.log --out chunks --chunks 16',
    )
    .action(async (input: string, options: SplitCommandOptions) => {
      exit.code = await runCommand('split', io, () => split(input, options, io));
    });
}

export async function split(input: string, options: SplitCommandOptions, io: Io): Promise<number> {
  const showProgress = wantsProgress(io, options.progress);
  const splitOptions: SplitOptions = {
    input,
    out: options.out!,
    sizing: sizingOf(options),
    gzipLevel: options.gzip ? positiveInt(options.gzipLevel, '--gzip-level', 9) : undefined,
    onProgress: showProgress ? progressBar(io, 'split') : undefined,
  };
  try {
    const result = await splitFile(splitOptions);
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof SplitError) throw new CliError(error.message, undefined, 1);
    throw error;
  }
}

function sizingOf(options: SplitCommandOptions): SplitOptions['sizing'] {
  if ((options.chunks === undefined) === (options.chunkSize === undefined)) {
    throw new CliError('give exactly one of --chunks and --chunk-size', 'e.g. --chunks 16 or --chunk-size 256MiB');
  }
  if (options.chunks !== undefined) return { chunks: positiveInt(options.chunks, '--chunks', 100_000) };
  const chunkSize = parseSize(options.chunkSize!);
  if (chunkSize === undefined)
    throw new CliError(`--chunk-size ${options.chunkSize}: not a size`, 'e.g. 64MiB, 1GB or 500000');
  return { chunkSize, slices: positiveInt(options.slices, '--slices', 4096) };
}

function positiveInt(text: string, name: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new CliError(`${name} ${text}: expected a whole number from 1 to ${max}`);
  return value;
}
