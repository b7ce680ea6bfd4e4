import { createHash, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Dataset } from '../../pipeline-definitions/model';
import { linesOf } from '../readers/lines';
import { splitFile } from '../split';
import { isS3Uri } from '../store';
import { makeTempDir, removeTempDir } from '../temp-dirs';
import { checkRow, type RowRejection } from './copy';
import { LoadError } from './errors';
import { loadErrorsText, type LoadErrorRow } from './load-errors';
import { LocalWarehouse } from './warehouse';

export interface LoadOptions {
  /** Local files or `s3://` objects, each one load of `dataset`. */
  readonly inputs: readonly string[];
  readonly dataset: Dataset;
  /** The DuckDB file holding the star schema. */
  readonly warehouse: string;
  /** Folder of the load-error files (`load_errors/<dataset>/…`). */
  readonly exceptions: string;
  /** Largest chunk the local split writes. */
  readonly chunkSize: number;
  /** Lines read so far and the object being read. */
  readonly onProgress?: (lines: number, source: string) => void;
  readonly signal?: AbortSignal;
}

export interface ObjectLoad {
  readonly source: string;
  readonly runId: string;
  readonly chunks: number;
  readonly loaded: number;
  readonly rejected: number;
  /** The load-error file, when rows were rejected. */
  readonly exceptions?: string;
  /** The first rejected rows, for people to see at once; all of them are in the exceptions file. */
  readonly rejections: readonly LoadErrorRow[];
}

export interface LoadResult {
  readonly objects: readonly ObjectLoad[];
  /** Rows per star-schema table after the load. */
  readonly tables: Record<string, number>;
}

/** How many rejected rows a result carries in memory (the file holds them all). */
const SHOWN_REJECTIONS = 20;

/**
 * The load pipeline on one machine: split each input with the local engine, COPY the chunks (checked as Redshift's
 * COPY checks them) into the star schema of a DuckDB file, and write rejected rows as Redshift load errors.
 * Loading an object again replaces its rows.
 */
export async function loadObjects(options: LoadOptions): Promise<LoadResult> {
  const warehouse = await LocalWarehouse.open(options.warehouse);
  try {
    const objects: ObjectLoad[] = [];
    for (const input of options.inputs) objects.push(await loadObject(input, warehouse, options));
    return { objects, tables: await warehouse.rowCounts() };
  } finally {
    warehouse.close();
  }
}

async function loadObject(input: string, warehouse: LocalWarehouse, options: LoadOptions): Promise<ObjectLoad> {
  const dataset = options.dataset;
  const source = isS3Uri(input) ? input : path.resolve(input);
  const runId = `local-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID().slice(0, 8)}`;
  const workDir = await makeTempDir('logfed-load-');
  try {
    const chunkDir = path.join(workDir, 'chunks');
    const split = await splitFile({ input, out: chunkDir, sizing: { chunkSize: options.chunkSize, slices: 1 } });
    const manifest = JSON.parse(await fs.promises.readFile(split.manifest, 'utf8')) as { entries: { url: string }[] };
    const stageCsv = path.join(workDir, 'stage.csv');
    const startTime = new Date();
    const rejections: LoadErrorRow[] = [];
    let loaded = 0;
    let lineNumber = 0;
    const out = fs.createWriteStream(stageCsv);
    const progress = () => {
      options.signal?.throwIfAborted();
      options.onProgress?.(lineNumber, source);
    };
    try {
      for (const entry of manifest.entries) {
        let batch: string[] = [];
        for await (const line of linesOf(fs.createReadStream(entry.url, { highWaterMark: 1 << 20 }))) {
          lineNumber++;
          const rejection = line.invalidUtf8 ? invalidUtf8Rejection() : checkRowOf(dataset, line.text);
          if (typeof rejection === 'string') {
            batch.push(rejection);
            loaded++;
          } else {
            rejections.push({
              ...rejection,
              table: dataset.factTable,
              startTime,
              filename: source,
              lineNumber,
              rawLine: line.text,
            });
          }
          if (batch.length >= 8192) {
            await write(out, batch);
            batch = [];
            progress();
          }
        }
        await write(out, batch);
        progress();
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
    const exceptions = await writeExceptions(options.exceptions, dataset, source, rejections);
    if (rejections.length > dataset.maxErrors) {
      throw new LoadError(
        `${input}: ${rejections.length} rows rejected, more than the ${dataset.maxErrors} COPY allows (MAXERROR); nothing loaded, see ${exceptions}`,
      );
    }
    options.signal?.throwIfAborted();
    await warehouse.load(dataset, stageCsv, { sourceObject: source, runId });
    return {
      source,
      runId,
      chunks: split.chunks,
      loaded,
      rejected: rejections.length,
      exceptions,
      rejections: rejections.slice(0, SHOWN_REJECTIONS),
    };
  } finally {
    await removeTempDir(workDir);
  }
}

/** A checked line as one CSV record of the stage, or why COPY would reject it. */
function checkRowOf(dataset: Dataset, text: string): string | RowRejection {
  const checked = checkRow(dataset.input.columns, dataset.input.delimiter, text);
  if ('rejection' in checked) return checked.rejection;
  return dataset.input.columns
    .map((column, i) =>
      column.type.startsWith('VARCHAR') ? `"${checked.values[i].replace(/"/g, '""')}"` : checked.values[i],
    )
    .join('\t');
}

function invalidUtf8Rejection(): RowRejection {
  return {
    colname: '',
    type: '',
    colLength: '0',
    position: 0,
    rawFieldValue: '',
    errCode: 1220,
    errReason: 'String contains invalid or unsupported UTF8 codepoints',
  };
}

async function write(out: fs.WriteStream, records: string[]): Promise<void> {
  if (records.length === 0) return;
  if (!out.write(`${records.join('\n')}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
}

/**
 * `<exceptions>/load_errors/<dataset>/<file>-<hash>.txt`: one file per source object, so a reload replaces its
 * errors (and removes them once the object loads cleanly) instead of reporting them twice.
 */
async function writeExceptions(
  folder: string,
  dataset: Dataset,
  source: string,
  rejections: readonly LoadErrorRow[],
): Promise<string | undefined> {
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const file = path.join(folder, 'load_errors', dataset.name, `${path.basename(source)}-${hash}.txt`);
  if (rejections.length === 0) {
    await fs.promises.rm(file, { force: true });
    return undefined;
  }
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, loadErrorsText(rejections));
  return file;
}
