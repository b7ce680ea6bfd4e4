import { Command } from 'commander';
import { DATASETS } from '../../../pipeline-definitions/model';
import { LoadError, loadObjects, type LoadResult } from '../../load';
import { parseSize, SplitError } from '../../split';
import { StoreError } from '../../store';
import { CliError } from '../errors';
import { EXIT } from '../exit-codes';
import { Io, processIo, runCommand, wantsProgress } from '../run';

export interface LoadCommandOptions {
  readonly dataset: string;
  readonly warehouse: string;
  readonly exceptions: string;
  readonly chunkSize: string;
  readonly format: string;
  readonly progress?: boolean;
}

const FORMATS = ['text', 'json'];

export function loadCommand(exit: { code: number }, io: Io = processIo): Command {
  return new Command('load')
    .description(
      'Run the load pipeline on one machine: split each file with the local engine, COPY the chunks into the ' +
        'star schema of an embedded DuckDB file as Redshift would, and write rejected rows as Redshift load errors.',
    )
    .argument('<inputs...>', 'files or s3:// objects of the dataset (plain, gzip or bzip2)')
    .option(
      '--dataset <name>',
      `which dataset the inputs hold (${DATASETS.map((d) => d.name).join(', ')})`,
      DATASETS[0].name,
    )
    .option('--warehouse <file>', 'the DuckDB file of the star schema', 'out/warehouse.duckdb')
    .option('--exceptions <dir>', 'folder of the load-error files', 'out/exceptions')
    .option('--chunk-size <size>', 'largest chunk of the local split', '64MiB')
    .option('--format <format>', 'text for people, json for machines', 'text')
    .option('--progress', 'show progress on stderr even when it is not a terminal')
    .addHelpText(
      'after',
      '\nEach line is checked as COPY checks it (column count, types, lengths, UTF-8); a rejected line goes to\n' +
        '<exceptions>/load_errors/<dataset>/<file>-<hash>.txt with its reason, in the shape of an UNLOAD of\n' +
        'stl_load_errors, which `logfed analyze` reads. Loading a file again replaces its rows: nothing doubles.\n' +
        'Query the result with any DuckDB client, e.g. duckdb out/warehouse.duckdb "SELECT * FROM fact_log_event".\n\n' +
        'Exit codes: 0 all rows loaded, 1 rows rejected (or more than the dataset allows: nothing loaded),\n' +
        '2 bad arguments or unreadable input, 130 interrupted.\n\n' +
        'Examples:\n' +
        '  logfed load samples/enterprise/storefront-2026-11-27.log.gz\n' +
        '  logfed load s3://landing/storefront/storefront-2026-11-28.log.gz --warehouse /tmp/w.duckdb --format json',
    )
    .action(async (inputs: string[], options: LoadCommandOptions) => {
      exit.code = await runCommand('load', io, () => load(inputs, options, io));
    });
}

export async function load(
  inputs: readonly string[],
  options: LoadCommandOptions,
  io: Io,
  signal?: AbortSignal,
): Promise<number> {
  const dataset = DATASETS.find((d) => d.name === options.dataset);
  if (!dataset) {
    throw new CliError(
      `unknown --dataset "${options.dataset}"`,
      `use one of: ${DATASETS.map((d) => d.name).join(', ')}`,
    );
  }
  if (!FORMATS.includes(options.format)) {
    throw new CliError(`unknown --format "${options.format}"`, `use one of: ${FORMATS.join(', ')}`);
  }
  const chunkSize = parseSize(options.chunkSize);
  if (chunkSize === undefined) throw new CliError(`--chunk-size ${options.chunkSize}: not a size`, 'e.g. 64MiB');
  const showProgress = wantsProgress(io, options.progress);
  try {
    const result = await loadObjects({
      inputs,
      dataset,
      warehouse: options.warehouse,
      exceptions: options.exceptions,
      chunkSize,
      signal,
      onProgress: showProgress ? (lines, source) => io.stderr.write(`\rload ${source}: ${lines} lines`) : undefined,
    });
    if (showProgress) io.stderr.write('\n');
    io.stdout.write(options.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderText(result));
    return result.objects.some((object) => object.rejected > 0) ? EXIT.attention : EXIT.ok;
  } catch (error) {
    if (signal?.aborted) {
      io.stderr.write('logfed load: interrupted; the warehouse keeps its previous rows\n');
      return EXIT.interrupted;
    }
    if (error instanceof SplitError || error instanceof StoreError) throw new CliError(error.message);
    if (error instanceof LoadError) throw new CliError(error.message, undefined, EXIT.attention);
    throw error;
  }
}

function renderText(result: LoadResult): string {
  const lines: string[] = [];
  for (const object of result.objects) {
    lines.push(`${object.source}: ${object.loaded} rows loaded, ${object.rejected} rejected (${object.chunks} chunks)`);
    for (const row of object.rejections) {
      const column = row.colname ? ` ${row.colname}` : '';
      lines.push(`  line ${row.lineNumber}${column}: ${row.errCode} ${row.errReason} | ${row.rawLine}`);
    }
    if (object.rejected > object.rejections.length)
      lines.push(`  … ${object.rejected - object.rejections.length} more`);
    if (object.exceptions) lines.push(`  load errors: ${object.exceptions}`);
  }
  lines.push('', 'rows per table:');
  const width = Math.max(...Object.keys(result.tables).map((table) => table.length));
  for (const [table, rows] of Object.entries(result.tables)) lines.push(`  ${table.padEnd(width)}  ${rows}`);
  return `${lines.join('\n')}\n`;
}
