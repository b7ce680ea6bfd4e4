import { Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SLICES, parseSize, splitFile, SplitError, SplitOptions } from '../../split';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { wholeNumber } from '../options';
import { progressBar } from '../progress';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface SplitCommandOptions {
  readonly out: string;
  readonly chunks?: number;
  /** Bytes. */
  readonly chunkSize?: number;
  readonly slices: number;
  readonly gzip?: boolean;
  readonly gzipLevel: number;
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
    .addOption(new Option('--chunks <n>', 'exact number of chunks').argParser(wholeNumber(1, 100_000)))
    .addOption(
      new Option(
        '--chunk-size <size>',
        'largest uncompressed chunk, e.g. 64MiB or 1GB; the count is rounded up to a multiple of --slices',
      )
        .argParser(size)
        .conflicts('chunks'),
    )
    .addOption(
      new Option('--slices <n>', 'Redshift slice count the chunk count is a multiple of (with --chunk-size)')
        .argParser(wholeNumber(1, 4096))
        .default(DEFAULT_SLICES),
    )
    .option('--gzip', 'gzip the chunks (part-00000.gz…)')
    .addOption(new Option('--gzip-level <1-9>', 'gzip level').argParser(wholeNumber(1, 9)).default(6))
    .option('--progress', 'show a progress bar on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nEvery input line lands in exactly one chunk, in input order: part-00000 holds the first lines. Chunk i ' +
        'ends after the line holding\nbyte floor(i·size/N)-1, so chunks are within a line of equal size; a line ' +
        'longer than a chunk stays whole and later chunks\nmay be empty. Exactly N chunks are always written (empty ' +
        'ones too). A missing final newline is added; CR and any other byte\nare kept. Compressed and s3:// inputs ' +
        'are first staged uncompressed in the temp folder. manifest.json is written last and\nonly on success; ' +
        'a failed run may leave chunks but never a manifest.\nInterrupted (Ctrl-C, SIGTERM), it removes the staged ' +
        'copy in the temp folder and exits 130.\n\n' +
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
    out: options.out,
    sizing: sizingOf(options),
    gzipLevel: options.gzip ? options.gzipLevel : undefined,
    onProgress: showProgress ? progressBar(io, 'split') : undefined,
  };
  try {
    const result = await splitFile(splitOptions);
    io.stdout.write(`${JSON.stringify(result)}\n`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof SplitError) throw new CliError(error.message);
    throw error;
  }
}

function sizingOf(options: SplitCommandOptions): SplitOptions['sizing'] {
  if (options.chunks !== undefined) return { chunks: options.chunks };
  if (options.chunkSize !== undefined) return { chunkSize: options.chunkSize, slices: options.slices };
  throw new CliError('give one of --chunks and --chunk-size', 'e.g. --chunks 16 or --chunk-size 256MiB');
}

function size(value: string): number {
  const bytes = parseSize(value);
  if (bytes === undefined) throw new InvalidArgumentError('not a size, e.g. 64MiB, 1GB or 500000.');
  return bytes;
}
