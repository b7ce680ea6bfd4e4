import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { testFilterCommand } from '../../src/cli/commands/test-filter';
import { MotoServer, startMoto } from '../helpers/moto';
import { captureIo } from '../helpers/io';

const FIXTURES = join(__dirname, '../fixtures/stratus-red-team');
const dir = mkdtempSync(join(tmpdir(), 'logfed-test-filter-'));

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Runs `logfed test-filter` through its commander definition, as the CLI does. */
async function run(args: string[], stdin: string = '') {
  const { io, out, err } = captureIo();
  const exit = { code: 0 };
  await testFilterCommand(exit, io, Readable.from([Buffer.from(stdin)]))
    .exitOverride()
    .parseAsync(args, { from: 'user' });
  return { code: exit.code, out: out(), err: err(), result: out() ? JSON.parse(out()) : undefined };
}

const records = [
  { eventID: 'a', eventName: 'StopLogging', errorCode: 'AccessDenied' },
  { eventID: 'b', eventName: 'DescribeTrails' },
  { eventID: 'c', eventName: 'StopLogging' },
];

describe('logfed test-filter', () => {
  it('reads a CloudTrail file and prints read, matched and the matched eventIDs', async () => {
    const trail = file('trail.json', JSON.stringify({ Records: records }));
    const { code, result } = await run(['--pattern', '{ $.eventName = "StopLogging" }', trail]);
    expect(code).toBe(0);
    expect(result).toEqual({ read: 3, matched: 2, eventIDs: ['a', 'c'] });
  });

  it('reads NDJSON from stdin when no file is given', async () => {
    const ndjson = records.map((r) => JSON.stringify(r)).join('\n');
    const { result } = await run(['--pattern', '{ $.errorCode = "AccessDenied*" }'], ndjson);
    expect(result).toEqual({ read: 3, matched: 1, eventIDs: ['a'] });
  });

  it('reads gzip JSON arrays and adds up several files', async () => {
    const gz = file('array.json.gz', gzipSync(JSON.stringify(records)));
    const stratus = join(FIXTURES, 'aws.persistence.iam-create-admin-user.json');
    const { result } = await run(['--pattern', '{ $.eventSource = "iam.amazonaws.com" }', gz, stratus]);
    expect(result.read).toBe(6);
    expect(result.matched).toBe(3);
    const ids = (JSON.parse(readFileSync(stratus, 'utf8')) as { eventID: string }[]).map((r) => r.eventID);
    expect(result.eventIDs).toEqual(ids);
  });

  it('names events without an eventID by input and position', async () => {
    const { result } = await run(['--pattern', '{ $.n > 1 }'], '{"n":1}\n{"n":2}\n');
    expect(result).toEqual({ read: 2, matched: 1, eventIDs: ['stdin#event 2'] });
  });

  it('exits 2 with the position of the error for an invalid pattern', async () => {
    const { code, out, err } = await run(['--pattern', '{ $.eventName = }'], '{}');
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toBe(
      'logfed test-filter: invalid filter pattern: expected a value after "=" at position 17\n' +
        '  hint: { $.eventName = }\n' +
        '                        ^\n',
    );
  });

  it('reports bad records and unreadable inputs, keeps counting the rest, and exits 1', async () => {
    const bad = file('bad.ndjson', '{"eventID":"x","eventName":"StopLogging"}\n{"eventID": nope}\n{"eventID":"y"}\n');
    const text = file('notes.txt', 'hello');
    const missing = join(dir, 'missing.json');
    const { code, result, err } = await run(['--pattern', '{ $.eventID = "*" }', bad, text, missing]);
    expect(code).toBe(1);
    expect(result.read).toBe(2);
    expect(result.eventIDs).toEqual(['x', 'y']);
    expect(result.skipped.map((s: { object: string }) => s.object)).toEqual([`${bad}#record 2`, text, missing]);
    expect(result.skipped[0].reason).toMatch(/^invalid JSON: /);
    expect(result.skipped[1].reason).toContain('unknown log format');
    expect(err).toContain(`skipped ${missing}:`);
  });

  it('reports a truncated gzip file', async () => {
    const whole = gzipSync(JSON.stringify({ Records: records }));
    const cut = file('cut.json.gz', whole.subarray(0, whole.length - 10));
    const { code, result } = await run(['--pattern', '{ $.eventID = "*" }', cut]);
    expect(code).toBe(1);
    expect(result.skipped).toEqual([{ object: cut, reason: expect.stringMatching(/truncated gzip|unexpected end/) }]);
  });

  describe('with S3', () => {
    let moto: MotoServer;
    beforeAll(async () => {
      moto = await startMoto();
    });
    afterAll(async () => moto.stop());

    it('reads s3:// objects like local files', async () => {
      const s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'trail' }));
      const key = 'AWSLogs/111122223333/CloudTrail/eu-west-1/2026/11/27/trail.json.gz';
      const body = gzipSync(JSON.stringify({ Records: records }));
      await s3.send(new PutObjectCommand({ Bucket: 'trail', Key: key, Body: body }));
      const { code, result } = await run(['--pattern', '{ $.eventName = StopLogging }', `s3://trail/${key}`]);
      expect(code).toBe(0);
      expect(result).toEqual({ read: 3, matched: 2, eventIDs: ['a', 'c'] });
    });
  });
});
