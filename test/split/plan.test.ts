import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCuts } from '../../src/split/cuts';
import { buildManifest, chunkCount, chunkName, chunkOfLine, parseSize, target } from '../../src/split/plan';

describe('parseSize', () => {
  it.each([
    ['500000', 500_000],
    ['64MiB', 64 * 2 ** 20],
    ['1GB', 1e9],
    ['1.5k', 1500],
    ['2 gi', 2 * 2 ** 30],
  ])('reads %s as %d bytes', (text, bytes) => expect(parseSize(text)).toBe(bytes));

  it.each(['', 'abc', '0', '-5MB', '12 parsecs'])('rejects %j', (text) => expect(parseSize(text)).toBeUndefined());
});

describe('chunkCount', () => {
  it('takes --chunks as given', () => expect(chunkCount(10, { chunks: 7 })).toBe(7));
  it('rounds the needed count up to a multiple of the slices', () => {
    expect(chunkCount(1000, { chunkSize: 100, slices: 4 })).toBe(12);
    expect(chunkCount(1001, { chunkSize: 100, slices: 1 })).toBe(11);
    expect(chunkCount(800, { chunkSize: 100, slices: 4 })).toBe(8);
  });
  it('writes one round of slices for empty input', () => expect(chunkCount(0, { chunkSize: 100, slices: 2 })).toBe(2));
});

describe('chunkOfLine', () => {
  it('counts the targets at or before the line start', () => {
    // total 9 bytes in 5 chunks: targets 1, 3, 5, 7.
    expect([0, 3, 5, 8].map((start) => chunkOfLine(start, 9, 5))).toEqual([0, 2, 3, 4]);
    expect([1, 2, 3, 4].map((i) => target(i, 9, 5))).toEqual([1, 3, 5, 7]);
  });
  it('keeps offsets beyond 2^53 / n exact', () => expect(chunkOfLine(2 ** 40, 2 ** 41, 16)).toBe(8));
});

describe('findCuts', () => {
  const file = path.join(os.tmpdir(), `cuts-${process.pid}.txt`);
  afterAll(() => fs.rmSync(file, { force: true }));

  it('cuts after the line holding the byte before each target, like chunkOfLine assigns lines', async () => {
    const text = 'aa\nbbbbbbbbbb\nc\nddd\ne\n';
    fs.writeFileSync(file, text);
    const cuts = await findCuts(file, text.length, text.length, 4);
    expect(cuts).toEqual([0, 14, 14, 16, 22]); // targets 5, 11, 16
    const starts = [0, 3, 14, 16, 20];
    expect(starts.map((s) => cuts.findIndex((cut, i) => s >= cut && s < cuts[i + 1]))).toEqual(
      starts.map((s) => chunkOfLine(s, text.length, 4)),
    );
  });

  it('leaves later chunks empty when one line is longer than a chunk', async () => {
    fs.writeFileSync(file, `${'x'.repeat(200_000)}\nshort\n`);
    expect(await findCuts(file, 200_007, 200_007, 3)).toEqual([0, 200_001, 200_001, 200_007]);
  });
});

describe('buildManifest', () => {
  it('lists every chunk as mandatory with its stored size', () => {
    expect(buildManifest([{ url: 's3://b/p/part-00000.gz', bytes: 42 }])).toEqual({
      entries: [{ url: 's3://b/p/part-00000.gz', mandatory: true, meta: { content_length: 42 } }],
    });
    expect(chunkName(3, true)).toBe('part-00003.gz');
  });
});
