import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { readLogObject } from '../../src/readers';
import type { LogKind } from '../../src/readers';
import { WHOLE_INFLATE_LIMIT, wholeInflateChunk } from '../../src/readers/chunks';
import type { LogEvent } from '../../src/rules/types';

interface Read {
  kinds: LogKind[];
  events: LogEvent[];
  skipped: { where: string; reason: string }[];
}

let dir: string;
beforeAll(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-readers-'))));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Writes `content` at `key` under a fresh folder and reads it back as one log object, streamed or (`whole`) handed
 * over in one buffer.
 */
async function read(key: string, content: Buffer | string, whole = false): Promise<Read> {
  const location = path.join(dir, key);
  fs.mkdirSync(path.dirname(location), { recursive: true });
  fs.writeFileSync(location, content);
  const result: Read = { kinds: [], events: [], skipped: [] };
  const open = whole ? () => fs.readFileSync(location) : () => fs.createReadStream(location);
  await readLogObject(location, open, {
    kind: (kind) => result.kinds.push(kind),
    event: (event) => result.events.push(event),
    skipped: (where, reason) => result.skipped.push({ where: path.relative(dir, where), reason }),
  });
  return result;
}

const event = (eventName: string, extra: LogEvent = {}): LogEvent => ({
  eventVersion: '1.09',
  eventTime: '2026-11-27T10:00:00Z',
  eventSource: 'ec2.amazonaws.com',
  eventName,
  eventID: `id-${eventName}`,
  ...extra,
});
const trail = (records: unknown[]) => JSON.stringify({ Records: records });
const TRAIL_KEY = 'AWSLogs/1/CloudTrail/eu-west-1/2026/11/27/1_CloudTrail_eu-west-1_20261127T1000Z_x.json.gz';

describe('readLogObject: JSON records', () => {
  it('reads a gzipped CloudTrail file record by record', async () => {
    const result = await read(TRAIL_KEY, gzipSync(trail([event('A'), event('B')])));
    expect(result).toEqual({ kinds: ['cloudtrail'], events: [event('A'), event('B')], skipped: [] });
  });

  it('sniffs gzip by its magic bytes and CloudTrail by content when the key says nothing', async () => {
    const result = await read('odd-name.txt', gzipSync(trail([event('A')])));
    expect(result.kinds).toEqual(['cloudtrail']);
    expect(result.events).toHaveLength(1);
  });

  it('reads JSON arrays and NDJSON of records', async () => {
    expect((await read('array.json', JSON.stringify([event('A'), event('B')]))).kinds).toEqual(['json-array']);
    const ndjson = await read('events.ndjson', `${JSON.stringify(event('A'))}\n\n${JSON.stringify(event('B'))}\n`);
    expect(ndjson.kinds).toEqual(['ndjson']);
    expect(ndjson.events.map((e) => e.eventName)).toEqual(['A', 'B']);
  });

  it('counts digest and insight files by key without producing events', async () => {
    const digest = await read(
      'AWSLogs/1/CloudTrail-Digest/eu-west-1/2026/11/27/d.json.gz',
      gzipSync('{"awsAccountId":"1"}'),
    );
    const insight = await read(
      'AWSLogs/1/CloudTrail-Insight/eu-west-1/2026/11/27/i.json.gz',
      gzipSync(trail([event('A')])),
    );
    expect(digest).toEqual({ kinds: ['cloudtrail-digest'], events: [], skipped: [] });
    expect(insight).toEqual({ kinds: ['cloudtrail-insight'], events: [], skipped: [] });
  });

  it('recognizes digest and insight files by content when the key does not say', async () => {
    const digest = await read(
      'copied/digest.json',
      '{"awsAccountId":"1","digestStartTime":"2026-11-27T10:00:00Z","logFiles":[]}',
    );
    const insight = await read('copied/insight.json', trail([event('A', { eventType: 'AwsCloudTrailInsight' })]));
    expect(digest.kinds).toEqual(['cloudtrail-digest']);
    expect(insight.kinds).toEqual(['cloudtrail-insight']);
    expect([...digest.events, ...insight.events]).toEqual([]);
  });

  it('reads records that lack optional fields', async () => {
    const bare = { eventName: 'ListBuckets' };
    expect((await read('bare.json', trail([bare]))).events).toEqual([bare]);
  });

  it("hands each record's JSON text as read beside the event, but not for a record it rewrote", async () => {
    const location = path.join(dir, 'mixed.ndjson');
    const kept = '{"eventName":"A", "n":12345678901234567890,"s":"\\u00e9"}';
    const rewritten = JSON.stringify({
      type: 'ExecutionFailed',
      details: { error: 'E', cause: 'C' },
      event_timestamp: '1795860000000',
      execution_arn: 'arn:aws:states:eu-west-1:1:execution:p:r',
    });
    fs.writeFileSync(location, `${kept}\n${rewritten}\n`);
    const texts: (string | undefined)[] = [];
    await readLogObject(location, () => fs.createReadStream(location), {
      kind: () => undefined,
      event: (_event, json) => texts.push(json?.toString('utf8')),
      skipped: () => undefined,
    });
    expect(texts).toEqual([kept, undefined]);
  });

  it('turns a Step Functions execution failure into a pipeline event', async () => {
    const record = {
      id: '7',
      type: 'ExecutionFailed',
      details: { error: 'States.TaskFailed', cause: 'EMR step failed' },
      event_timestamp: '1795860000000',
      execution_arn: 'arn:aws:states:eu-west-1:1:execution:logfed-pipeline:run-1',
    };
    const [normalized] = (await read('states/history.ndjson', JSON.stringify(record))).events;
    expect(normalized).toMatchObject({
      eventSource: 'logfed.pipeline',
      eventName: 'StepFunctionsExecutionFailed',
      eventTime: new Date(1795860000000).toISOString(),
      detail: {
        executionArn: record.execution_arn,
        stateMachineArn: 'arn:aws:states:eu-west-1:1:stateMachine:logfed-pipeline',
        status: 'FAILED',
        error: 'States.TaskFailed',
        cause: 'EMR step failed',
      },
    });
  });
});

describe('readLogObject: bad input is reported with a reason, the rest is read', () => {
  it('reports an empty object and an empty gzip', async () => {
    expect(await read('empty.json', '')).toEqual({
      kinds: ['empty'],
      events: [],
      skipped: [{ where: 'empty.json', reason: 'empty object' }],
    });
    expect((await read('empty.json.gz', gzipSync(''))).skipped).toEqual([
      { where: 'empty.json.gz', reason: 'empty object (gzip with no content)' },
    ]);
  });

  it('reports truncated gzip after reading the records before the cut', async () => {
    const records = Array.from({ length: 2000 }, (_, i) => event(`E${i}`, { padding: 'x'.repeat(200 + (i % 7)) }));
    const whole = gzipSync(trail(records));
    const result = await read('truncated.json.gz', whole.subarray(0, Math.floor(whole.length * 0.6)));
    expect(result.kinds).toEqual(['cloudtrail']);
    expect(result.events.length).toBeGreaterThan(0);
    expect(result.events.length).toBeLessThan(records.length);
    expect(result.skipped).toEqual([{ where: 'truncated.json.gz', reason: 'truncated gzip' }]);
  });

  it('reports a corrupt gzip', async () => {
    const corrupt = gzipSync(trail([event('A')]));
    corrupt.fill(0x41, 12, 30);
    const result = await read('corrupt.json.gz', corrupt);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].reason).toMatch(/^corrupt gzip: /);
  });

  it('reports a cut-off document with the byte where it ends and the records read before it', async () => {
    const text = trail([event('A'), event('B')]);
    const result = await read('cut.json', text.slice(0, -10));
    expect(result.events.map((e) => e.eventName)).toEqual(['A']);
    expect(result.skipped).toEqual([
      {
        where: 'cut.json',
        reason: `invalid JSON at byte ${text.length - 10}: unexpected end of input (the 1 records before it were read)`,
      },
    ]);
  });

  it('reports one invalid record by number and reads the others', async () => {
    const text = `{"Records":[${JSON.stringify(event('A'))},{"eventName": tru},${JSON.stringify(event('C'))}]}`;
    const result = await read('bad-record.json', text);
    expect(result.events.map((e) => e.eventName)).toEqual(['A', 'C']);
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].where).toBe('bad-record.json#record 2');
    expect(result.skipped[0].reason).toMatch(/^invalid JSON: /);
  });

  it('reports a record that is not valid UTF-8', async () => {
    const bad = Buffer.concat([
      Buffer.from('{"Records":[{"eventName":"A"},{"eventName":"'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}]}'),
    ]);
    const result = await read('latin.json', bad);
    expect(result.events).toEqual([{ eventName: 'A' }]);
    expect(result.skipped).toEqual([{ where: 'latin.json#record 2', reason: 'invalid UTF-8' }]);
  });

  it('reports records that are not objects', async () => {
    const result = await read('scalars.json', '{"Records":[{"eventName":"A"}, 42, "text", null, [1]]}');
    expect(result.events).toEqual([{ eventName: 'A' }]);
    expect(result.skipped.map((s) => `${s.where}: ${s.reason}`)).toEqual([
      'scalars.json#record 2: record is not an object',
      'scalars.json#record 3: record is not an object',
      'scalars.json#record 4: record is not an object',
      'scalars.json#record 5: record is not an object',
    ]);
  });

  it('reports an unknown format', async () => {
    const result = await read('notes.txt', 'hello, this is not a log\n');
    expect(result).toEqual({
      kinds: ['unknown'],
      events: [],
      skipped: [
        {
          where: 'notes.txt',
          reason: 'unknown log format (not CloudTrail, JSON records, EMR, Data Pipeline or Redshift load errors)',
        },
      ],
    });
  });

  it('reports an object that cannot be read', async () => {
    const result: Read = { kinds: [], events: [], skipped: [] };
    await readLogObject(path.join(dir, 'missing.json'), () => fs.createReadStream(path.join(dir, 'missing.json')), {
      kind: (kind) => result.kinds.push(kind),
      event: (e) => result.events.push(e),
      skipped: (where, reason) => result.skipped.push({ where: path.basename(where), reason }),
    });
    expect(result.skipped).toHaveLength(1);
    expect(result.skipped[0].reason).toMatch(/^unreadable: ENOENT/);
  });
});

describe('readLogObject: an object under a CloudTrail key must be a CloudTrail document', () => {
  const EXPECTED = 'not a CloudTrail log file: expected {"Records":[…]} under a CloudTrail key';

  it.each([
    ['an object without Records', '{"hello":"world"}'],
    ['Records that is an object', trail([]).replace('[]', JSON.stringify({ a: event('A') }))],
    ['a JSON array of records', JSON.stringify([event('A'), event('B')])],
    ['NDJSON of records', `${JSON.stringify(event('A'))}\n${JSON.stringify(event('B'))}\n`],
  ])('skips %s with a reason naming the expected shape, counting no event', async (_, content) => {
    const result = await read(TRAIL_KEY, gzipSync(content));
    expect(result).toEqual({ kinds: ['unknown'], events: [], skipped: [{ where: TRAIL_KEY, reason: EXPECTED }] });
  });

  it('applies to organization trails too (AWSLogs/<o-id>/<account>/CloudTrail/…)', async () => {
    const key = 'AWSLogs/o-abc123/111122223333/CloudTrail/eu-west-1/2026/11/27/x.json.gz';
    expect((await read(key, gzipSync('{"hello":"world"}'))).skipped).toEqual([{ where: key, reason: EXPECTED }]);
  });

  it('still accepts a digest file whose content says so under a CloudTrail key', async () => {
    const digest = '{"awsAccountId":"1","digestStartTime":"2026-11-27T10:00:00Z","logFiles":[]}';
    expect(await read(TRAIL_KEY, gzipSync(digest))).toEqual({ kinds: ['cloudtrail-digest'], events: [], skipped: [] });
  });
});

describe('readLogObject: an object handed over whole reads as its stream does', () => {
  const records = Array.from({ length: 300 }, (_, i) => event(`E${i}`, { padding: 'x'.repeat(100 + (i % 7)) }));
  const gzipped = gzipSync(trail(records));
  const corrupt = Buffer.from(gzipped);
  corrupt.fill(0x41, 12, 30);
  it.each([
    ['a gzipped CloudTrail file', TRAIL_KEY, gzipped],
    ['a plain CloudTrail file', 'plain.json', trail(records)],
    ['NDJSON', 'events.ndjson', records.map((r) => JSON.stringify(r)).join('\n')],
    ['an empty object', 'empty.json', ''],
    ['an empty gzip', 'empty.json.gz', gzipSync('')],
    ['a truncated gzip', 'truncated.json.gz', gzipped.subarray(0, Math.floor(gzipped.length * 0.6))],
    ['a corrupt gzip', 'corrupt.json.gz', corrupt],
    ['a cut-off document', 'cut.json', trail(records).slice(0, -10)],
    ['an invalid record', 'bad.json', `{"Records":[${JSON.stringify(event('A'))},{"eventName": tru}]}`],
    ['an unknown format', 'notes.txt', 'hello, this is not a log\n'],
  ])('%s', async (_, key, content) => {
    const streamed = await read(key, content);
    expect(await read(key, content, true)).toEqual(streamed);
  });
});

describe('wholeInflateChunk: the size a gzip trailer claims is the object’s word', () => {
  const honest = gzipSync(trail(Array.from({ length: 200 }, (_, i) => event(`E${i}`))));
  const claiming = (size: number) => {
    const copy = Buffer.from(honest);
    copy.writeUInt32LE(size, copy.length - 4);
    return copy;
  };

  it('inflates into one buffer of the size the trailer gives', () => {
    expect(wholeInflateChunk(honest)).toBe(honest.readUInt32LE(honest.length - 4) + 1);
  });

  it('believes no more than the compressed length can inflate to, nor more than the whole-inflate limit', () => {
    expect(wholeInflateChunk(claiming(0xffffffff))).toBe(honest.length * 1032);
    const large = Buffer.alloc(100 * 1024, 0x41);
    large.writeUInt32LE(0xffffffff, large.length - 4);
    expect(wholeInflateChunk(large)).toBe(WHOLE_INFLATE_LIMIT);
  });

  it('keeps zlib’s own chunk for tiny claims and objects too short to have a trailer', () => {
    expect(wholeInflateChunk(claiming(3))).toBe(16 * 1024);
    expect(wholeInflateChunk(Buffer.from([0x1f, 0x8b]))).toBe(16 * 1024);
  });

  it('reports a lying trailer as a stream would, counting nothing', async () => {
    const whole = await read('lying.json.gz', claiming(0xffffffff), true);
    expect(whole).toEqual(await read('lying.json.gz', claiming(0xffffffff)));
    expect(whole.events).toEqual([]);
    expect(whole.skipped).toHaveLength(1);
  });
});
