import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { Engine, localEngine, Outcome, sparkEngine, SplitCase } from './engines';

/** Deterministic log-like lines of varying length. */
function logLines(count: number, seed = 7): string {
  let x = seed;
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    lines.push(
      `2026-11-28T10:${String(i % 60).padStart(2, '0')}:00Z host-${x % 97} GET /api/${'x'.repeat(x % 80)} ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

interface ContractCase {
  readonly name: string;
  readonly content: Buffer;
  readonly format?: 'gzip' | 'bzip2' | 'truncated-gzip';
  readonly sizing: SplitCase['sizing'];
  readonly gzip?: boolean;
  /** Chunk count the manifest must list. */
  readonly expectChunks?: number;
  /** Uncompressed chunk sizes must stay within ±5% of their mean. */
  readonly balanced?: boolean;
}

const CASES: ContractCase[] = [
  {
    name: 'short lines, plain',
    content: Buffer.from(logLines(20_000)),
    sizing: { chunks: 8 },
    expectChunks: 8,
    balanced: true,
  },
  {
    name: 'gzip input to gzip chunks',
    content: Buffer.from(logLines(20_000, 3)),
    format: 'gzip',
    sizing: { chunks: 5 },
    gzip: true,
    expectChunks: 5,
    balanced: true,
  },
  {
    name: 'bzip2 input',
    content: Buffer.from(logLines(5_000, 5)),
    format: 'bzip2',
    sizing: { chunks: 4 },
    expectChunks: 4,
    balanced: true,
  },
  // 20 000 lines of about 90 bytes in chunks of at most 300 kB: 6 needed, rounded up to 8 for 4 slices.
  {
    name: '--chunk-size rounded up to the slice multiple',
    content: Buffer.from(logLines(20_000, 11)),
    sizing: { chunkSize: 300_000, slices: 4 },
    expectChunks: 8,
    balanced: true,
  },
  { name: 'empty input', content: Buffer.alloc(0), sizing: { chunks: 3 }, expectChunks: 3 },
  {
    name: 'empty gzip input to gzip chunks',
    content: Buffer.alloc(0),
    format: 'gzip',
    sizing: { chunks: 2 },
    gzip: true,
    expectChunks: 2,
  },
  {
    name: 'no final newline',
    content: Buffer.from('first\nsecond\nlast without newline'),
    sizing: { chunks: 2 },
    expectChunks: 2,
  },
  {
    name: 'CRLF line ends',
    content: Buffer.from(logLines(2_000).replace(/\n/g, '\r\n')),
    sizing: { chunks: 4 },
    expectChunks: 4,
    balanced: true,
  },
  {
    name: 'a line longer than a chunk',
    content: Buffer.from(`short\n${'L'.repeat(50_000)}\nshort again\n${logLines(100)}`),
    sizing: { chunks: 4 },
    expectChunks: 4,
  },
  {
    name: 'more chunks than lines',
    content: Buffer.from('one\ntwo\nthree\n'),
    sizing: { chunks: 10 },
    expectChunks: 10,
  },
  // Control bytes, NUL, lone CR, tabs, multi-byte UTF-8 and bytes that are not UTF-8 pass through unchanged;
  // only 0x0A ends a line.
  {
    name: 'binary data',
    content: Buffer.concat(
      Array.from({ length: 3000 }, (_, i) =>
        Buffer.concat([
          Buffer.from(`\u0000\u0001\r\t\u00e9\u20ac${i}`),
          Buffer.from([0xff, 0xfe, 0x80, 0xc3, 0x28]),
          Buffer.from('\u001b[0m\u007f\n'),
        ]),
      ),
    ),
    sizing: { chunks: 3 },
    expectChunks: 3,
    balanced: true,
  },
  {
    name: 'truncated gzip',
    content: Buffer.from(logLines(20_000, 13)),
    format: 'truncated-gzip',
    sizing: { chunks: 4 },
  },
];

function encode(c: ContractCase): { bytes: Buffer; suffix: string } {
  if (c.format === 'gzip') return { bytes: zlib.gzipSync(c.content), suffix: '.gz' };
  if (c.format === 'truncated-gzip') {
    const whole = zlib.gzipSync(c.content);
    return { bytes: whole.subarray(0, Math.floor(whole.length / 2)), suffix: '.gz' };
  }
  if (c.format === 'bzip2')
    return { bytes: spawnSync('bzip2', ['-c'], { input: c.content, maxBuffer: 1 << 28 }).stdout, suffix: '.bz2' };
  return { bytes: c.content, suffix: '.log' };
}

/** What every engine must produce: the input with a final newline added when it had none. */
function expectedOutput(content: Buffer): Buffer {
  return content.length > 0 && content[content.length - 1] !== 0x0a
    ? Buffer.concat([content, Buffer.from('\n')])
    : content;
}

const ENGINES: [string, Engine][] = [
  ['local engine (logfed split)', localEngine],
  ['EMR job (pyspark local mode)', sparkEngine],
];

describe.each(ENGINES)('split contract: %s', (_name, engine) => {
  let dir: string;
  let outcomes: Outcome[];
  const outOf = (index: number) => path.join(dir, `out-${index}`);

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'split-contract-'));
    const requests = CASES.map((c, index): SplitCase => {
      const { bytes, suffix } = encode(c);
      const input = path.join(dir, `input-${index}${suffix}`);
      fs.writeFileSync(input, bytes);
      return { input, out: outOf(index), sizing: c.sizing, gzip: c.gzip ?? false };
    });
    outcomes = await engine(requests);
  });

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const successes = CASES.map((c, index) => [c.name, c, index] as const).filter(
    ([, c]) => c.format !== 'truncated-gzip',
  );

  it.each(successes)('%s: every line once, in order, on line boundaries, listed in the manifest', (_case, c, index) => {
    expect(outcomes[index]).toMatchObject({ ok: true });
    const out = outOf(index);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.entries).toHaveLength(c.expectChunks!);
    const chunks = manifest.entries.map(
      (entry: { url: string; mandatory: boolean; meta: { content_length: number } }, i: number) => {
        const name = `part-${String(i).padStart(5, '0')}${c.gzip ? '.gz' : ''}`;
        expect(entry.url).toBe(path.resolve(out, name));
        expect(entry.mandatory).toBe(true);
        const stored = fs.readFileSync(entry.url);
        expect(entry.meta.content_length).toBe(stored.length);
        return c.gzip ? zlib.gunzipSync(stored) : stored;
      },
    ) as Buffer[];
    for (const chunk of chunks) if (chunk.length > 0) expect(chunk[chunk.length - 1]).toBe(0x0a);
    expect(Buffer.concat(chunks).equals(expectedOutput(c.content))).toBe(true);
    if (c.balanced) {
      const mean = chunks.reduce((sum, chunk) => sum + chunk.length, 0) / chunks.length;
      for (const chunk of chunks) expect(Math.abs(chunk.length - mean) / mean).toBeLessThanOrEqual(0.05);
    }
  });

  it('keeps a line longer than a chunk whole in one chunk', () => {
    const index = CASES.findIndex((c) => c.name === 'a line longer than a chunk');
    const long = `${'L'.repeat(50_000)}\n`;
    const holding = fs
      .readdirSync(outOf(index))
      .filter((name) => fs.readFileSync(path.join(outOf(index), name), 'latin1').includes(long));
    expect(holding).toHaveLength(1);
  });

  it('fails clearly on truncated gzip and writes no manifest', () => {
    const index = CASES.findIndex((c) => c.format === 'truncated-gzip');
    const outcome = outcomes[index];
    expect(outcome).toMatchObject({
      ok: false,
      error: expect.stringMatching(/input-\d+\.gz: .*end of .*; nothing was written$/i),
    });
    expect(fs.existsSync(path.join(outOf(index), 'manifest.json'))).toBe(false);
  });
});
