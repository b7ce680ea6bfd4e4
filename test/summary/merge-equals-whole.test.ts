import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { analyze } from '../../src/analyze';
import { generate, techniquesNamed } from '../../src/generate';
import { Random } from '../../src/generate/random';
import { mergeSummaries } from '../../src/summary/merge';

const SAMPLES = path.join(__dirname, '../../samples/logs');
let dir: string;
let objects: string[];

/** Generated CloudTrail with technique events, the samples, load errors over several files and malformed objects. */
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-merge-'));
  const generated = await generate({
    events: 3000,
    files: 6,
    out: path.join(dir, 'trail'),
    inject: techniquesNamed(['aws.defense-evasion.cloudtrail-stop', 'aws.persistence.iam-create-admin-user']),
  });
  const extra = path.join(dir, 'extra');
  fs.mkdirSync(path.join(extra, 'load_errors'), { recursive: true });
  for (let file = 0; file < 3; file++) {
    const rows = Array.from(
      { length: 6 },
      (_, i) =>
        `100|1|7|2026-11-27 1${file}:00:00|1|2|s3://b/p${file}|${i}|c|int|0|0|x|x|120${i}|bad ${file}-${i}|0|0|`,
    );
    fs.writeFileSync(path.join(extra, 'load_errors', `part_0${file}`), `${rows.join('\n')}\n`);
  }
  fs.writeFileSync(path.join(extra, 'empty.json'), '');
  fs.writeFileSync(path.join(extra, 'truncated.json.gz'), gzipSync('{"Records":[{"eventName":"A"}]}').subarray(0, 20));
  fs.writeFileSync(path.join(extra, 'bad-record.json'), '{"Records":[{"eventName":"A","eventID":"a"}, 7]}');
  const listed = await analyze([extra], { workers: 1 });
  expect(listed.objects).toBe(6);
  objects = [
    ...generated.files,
    ...fs.readdirSync(path.join(extra, 'load_errors')).map((f) => path.join(extra, 'load_errors', f)),
    ...['empty.json', 'truncated.json.gz', 'bad-record.json'].map((f) => path.join(extra, f)),
    SAMPLES,
  ];
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('summaries merge like their inputs', () => {
  it('merging the summaries of any split equals analyzing everything at once', async () => {
    const whole = await analyze(objects, { workers: 1 });
    expect(whole.findings.length).toBeGreaterThan(0);
    expect(whole.skipped.length).toBeGreaterThanOrEqual(3);
    expect(whole.pipeline.redshiftLoadErrors.count).toBe(20);
    const random = new Random(42);
    for (let trial = 0; trial < 5; trial++) {
      const parts: string[][] = [[], [], []];
      for (const object of objects) parts[random.int(parts.length)].push(object);
      const summaries = await Promise.all(parts.map((part) => analyze(part, { workers: 1 })));
      expect(mergeSummaries(...summaries)).toEqual(whole);
      expect(mergeSummaries(summaries[2], mergeSummaries(summaries[1], summaries[0]))).toEqual(whole);
    }
  });

  it('prints the same bytes on every run', async () => {
    const first = JSON.stringify(await analyze(objects, { workers: 1 }));
    const second = JSON.stringify(await analyze([...objects].reverse(), { workers: 1 }));
    expect(second).toBe(first);
  });
});
