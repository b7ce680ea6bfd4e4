import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { analyze } from '../../src/analyze';
import { load, loadCommand, type LoadCommandOptions } from '../../src/cli/commands/load';
import { captureIo } from '../helpers/io';

/** Generated storefront lines; `bad` maps a 1-based line number to a broken line and the reason COPY gives. */
function generate(lines: number, bad: Record<number, [string, string]>): string {
  const out: string[] = [];
  for (let i = 1; i <= lines; i++) {
    const second = String(i % 60).padStart(2, '0');
    const hour = String(Math.floor(i / 600) % 24).padStart(2, '0');
    const good = `2026-11-27T${hour}:00:${second}Z 10.0.${i % 250}.7 GET /api/${['orders', 'cart', 'catalog'][i % 3]}/${i} ${i % 17 === 0 ? 503 : 200} ${i * 3} ${i % 900}ms store-${i % 12}`;
    out.push(bad[i]?.[0] ?? good);
  }
  return `${out.join('\n')}\n`;
}

const BAD: Record<number, [string, string]> = {
  3: ['2026-11-27T00:00:03Z 10.0.3.7 GET /api/orders/3 200 9 3ms', 'Delimiter not found'],
  250: [
    '2026-13-27T00:00:10Z 10.0.0.7 GET /api/orders/250 200 750 250ms store-10',
    'Invalid timestamp format or value',
  ],
  777: ['2026-11-27T01:00:57Z 10.0.27.7 GET /api/orders/777 OK 2331 777ms store-9', 'Invalid digit'],
  1500: ['2026-11-27T02:00:00Z 10.0.0.7 GET /api/x|y 200 1 1ms store-0 surplus', 'Extra column(s) found'],
  1999: ['2026-11-27T03:00:19Z 10.0.249.7 GET /api/cart/1999 99999 5997 199ms store-7', 'Overflow'],
};

async function tableCounts(file: string): Promise<Record<string, number>> {
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of ['fact_log_event', 'dim_time', 'dim_service', 'dim_source', 'dim_event_type', 'dim_dataset']) {
      const reader = await connection.runAndReadAll(`SELECT COUNT(*) AS n FROM ${table}`);
      counts[table] = Number(reader.getRowObjects()[0].n);
    }
    return counts;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

describe('logfed load', () => {
  let dir: string;
  let options: LoadCommandOptions;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-command-'));
    options = {
      dataset: 'storefront',
      warehouse: path.join(dir, 'warehouse.duckdb'),
      exceptions: path.join(dir, 'exceptions'),
      chunkSize: '16KiB',
      format: 'json',
    };
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('loads the good rows, reports every bad row with its reason, and loads nothing twice on a rerun', async () => {
    const input = path.join(dir, 'storefront-2026-11-27.log.gz');
    fs.writeFileSync(input, zlib.gzipSync(generate(2000, BAD)));

    const first = captureIo();
    expect(await load([input], options, first.io)).toBe(1);
    const result = JSON.parse(first.out());
    expect(result.objects[0]).toMatchObject({ loaded: 1995, rejected: 5 });
    expect(result.objects[0].chunks).toBeGreaterThan(1);
    const counts = await tableCounts(options.warehouse);
    expect(counts).toMatchObject({ fact_log_event: 1995, dim_dataset: 1, dim_service: 3, dim_source: 12 });
    expect(result.tables).toEqual(counts);

    // The exceptions file is read back by the same reader `logfed analyze` uses for Redshift's UNLOAD files.
    const summary = await analyze([options.exceptions], {});
    expect(summary.pipeline?.redshiftLoadErrors.count).toBe(5);
    const samples = (summary.pipeline?.redshiftLoadErrors.samples ?? []) as Record<string, unknown>[];
    const byLine = Object.fromEntries(samples.map((row) => [row.line, String(row.reason)]));
    expect(
      Object.keys(byLine)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([3, 250, 777, 1500, 1999]);
    for (const [line, [, reason]] of Object.entries(BAD)) expect(byLine[line]).toContain(reason);

    const second = captureIo();
    expect(await load([input], options, second.io)).toBe(1);
    expect(await tableCounts(options.warehouse)).toEqual(counts);
    expect(fs.readdirSync(path.join(options.exceptions, 'load_errors', 'storefront'))).toHaveLength(1);
  });

  it('exits 0 and prints rows per table for people when every row loads', async () => {
    const input = path.join(dir, 'clean.log');
    fs.writeFileSync(input, generate(100, {}));
    const run = captureIo();
    expect(await load([input], { ...options, format: 'text' }, run.io)).toBe(0);
    expect(run.out()).toContain(`${input}: 100 rows loaded, 0 rejected`);
    expect(run.out()).toMatch(/fact_log_event +100\n/);
  });

  it('loads nothing when more rows are rejected than the dataset allows, and says so', async () => {
    const input = path.join(dir, 'garbage.log');
    fs.writeFileSync(input, 'not a log line\n'.repeat(1001));
    const run = captureIo();
    const exit = { code: 0 };
    await loadCommand(exit, run.io)
      .exitOverride()
      .parseAsync([input, '--warehouse', options.warehouse, '--exceptions', options.exceptions], { from: 'user' });
    expect(exit.code).toBe(1);
    expect(run.err()).toMatch(/^logfed load: .*garbage\.log: 1001 rows rejected, more than the 1000 COPY allows/);
    expect((await tableCounts(options.warehouse)).fact_log_event).toBe(0);
  });

  it.each([
    [['missing.log'], /^logfed load: .*missing\.log/],
    [['x.log', '--dataset', 'nope'], /^logfed load: unknown --dataset "nope"/],
    [['x.log', '--chunk-size', 'big'], /^logfed load: --chunk-size big: not a size/],
  ])('exits 2 with one line for %j', async (args, message) => {
    fs.writeFileSync(path.join(dir, 'x.log'), generate(1, {}));
    const run = captureIo();
    const exit = { code: 0 };
    const argv = args.map((arg) => (arg.endsWith('.log') ? path.join(dir, arg) : arg));
    await loadCommand(exit, run.io)
      .exitOverride()
      .parseAsync([...argv, '--warehouse', options.warehouse], { from: 'user' });
    expect(exit.code).toBe(2);
    expect(run.err()).toMatch(message);
    expect(run.err().trim().split('\n').length).toBeLessThanOrEqual(2);
  });

  it('exits 130 when interrupted and keeps the rows loaded before', async () => {
    const input = path.join(dir, 'big.log');
    fs.writeFileSync(input, generate(50_000, {}));
    const before = path.join(dir, 'before.log');
    fs.writeFileSync(before, generate(10, {}));
    await load([before], options, captureIo().io);
    // A temp folder of this test's own, to see that the interrupted load leaves nothing behind in it.
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    const interrupt = new AbortController();
    const run = captureIo();
    const running = load([input], { ...options, progress: true }, run.io, interrupt.signal);
    // Interrupt once the load reports progress: it is past the split and inside the COPY.
    await new Promise<void>((resolve) => run.io.stderr.once('data', () => resolve()));
    interrupt.abort();
    const code = await running;
    if (tmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdir;
    expect(code).toBe(130);
    expect(run.err()).toContain('interrupted');
    expect((await tableCounts(options.warehouse)).fact_log_event).toBe(10);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});
