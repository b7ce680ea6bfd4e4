import { CreateBucketCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeToOutput } from '../../src/cli/commands/analyze';
import { digest, DigestCommandOptions } from '../../src/cli/commands/digest';
import { runCommand } from '../../src/cli/run';
import { resolveWindow } from '../../src/digest';
import { MotoServer, startMoto } from '../helpers/moto';
import { captureIo, runMain } from '../helpers/io';

const FIXTURES = path.resolve(__dirname, '..', 'fixtures', 'summaries');
const NOW = new Date('2026-11-28T06:30:00Z');

async function run(options: Partial<DigestCommandOptions>, isTTY = false) {
  const { io, out, err } = captureIo(isTTY);
  const all: DigestCommandOptions = { source: FIXTURES, format: 'markdown', maxFindings: 25, ...options };
  const code = await runCommand('digest', io, () => digest(all, io, NOW));
  return { code, out: out(), err: err() };
}

describe('resolveWindow', () => {
  it('defaults to the 24 hours before now', () => {
    expect(resolveWindow({}, NOW)).toEqual({ since: new Date('2026-11-27T06:30:00Z'), until: NOW });
  });

  it('counts --hours back from now, or forward from --since', () => {
    expect(resolveWindow({ hours: '6' }, NOW).since).toEqual(new Date('2026-11-28T00:30:00Z'));
    expect(resolveWindow({ since: '2026-11-01', hours: '48' }, NOW)).toEqual({
      since: new Date('2026-11-01T00:00:00Z'),
      until: new Date('2026-11-03T00:00:00Z'),
    });
  });

  it('takes --since and --until as given, with offsets', () => {
    expect(resolveWindow({ since: '2026-11-27T01:00:00+01:00', until: '2026-11-27T12:00:00Z' }, NOW)).toEqual({
      since: new Date('2026-11-27T00:00:00Z'),
      until: new Date('2026-11-27T12:00:00Z'),
    });
  });

  it.each([
    [{ until: '2026-11-27T00:00:00Z', hours: '2' }, '--until and --hours cannot be combined'],
    [{ since: '2026-11-27T00:00:00' }, '--since "2026-11-27T00:00:00" is not an ISO 8601 time'],
    [{ until: 'tomorrow' }, '--until "tomorrow" is not an ISO 8601 time'],
    [{ hours: '0' }, '--hours must be a positive number, got "0"'],
    [{ hours: 'ten' }, '--hours must be a positive number, got "ten"'],
    [{ since: '2026-11-28T00:00:00Z', until: '2026-11-27T00:00:00Z' }, 'the window is empty'],
  ])('refuses %j', (options, message) => {
    expect(() => resolveWindow(options, NOW)).toThrow(message);
  });
});

describe('logfed digest', () => {
  it('prints the Markdown report of the window, exiting 1 for its skipped objects', async () => {
    const result = await run({ since: '2026-11-27T00:00:00Z', until: '2026-11-28T00:00:00Z' });
    expect(result.code).toBe(1);
    expect(result.out).toContain('| **Skipped objects** | 2 |');
    expect(result.out).toMatch(
      /^# Log digest\n\nWindow: \*\*2026-11-27T00:00:00Z\*\* to \*\*2026-11-28T00:00:00Z\*\* \(UTC\)/,
    );
    expect(result.out).toContain('### Critical (1)');
    expect(result.err).toBe('');
  });

  it('prints JSON that is itself a summary, with the window and exact totals', async () => {
    const result = await run({ since: '2026-11-25T00:00:00Z', hours: '72', format: 'json' });
    const json = JSON.parse(result.out);
    expect(json.events).toBe(200);
    expect(json.findings).toHaveLength(4);
    expect(json.digest).toMatchObject({
      since: '2026-11-25T00:00:00.000Z',
      until: '2026-11-28T00:00:00.000Z',
      summariesInWindow: 3,
      findingsBySeverity: { critical: 1, high: 1, medium: 1, low: 1, info: 0 },
      skipped: 2,
    });
  });

  it('shows progress on stderr when asked', async () => {
    const result = await run({ until: '2026-11-28T00:00:00Z', progress: true });
    expect(result.err).toContain('logfed digest: read 3 of 3 summaries, 2 in the window');
  });

  it('shows progress on stderr when stderr is a terminal', async () => {
    const result = await run({ until: '2026-11-28T00:00:00Z' }, true);
    expect(result.err).toContain('read 3 of 3 summaries');
  });

  it('exits 0 for a window without skipped objects', async () => {
    expect((await run({ since: '2026-11-25T00:00:00Z', hours: '24' })).code).toBe(0);
  });

  it.each([
    [
      ['--format', 'html'],
      "option '--format <format>' argument 'html' is invalid. Allowed choices are markdown, json.",
    ],
    [
      ['--max-findings', '2.5'],
      "option '--max-findings <n>' argument '2.5' is invalid. expected a whole number of at least 1.",
    ],
    [['--until', '2026-11-28', '--hours', '3'], "option '--until <iso>' cannot be used with option '--hours <n>'"],
    [
      ['--fail-on', 'urgent'],
      "option '--fail-on <severity>' argument 'urgent' is invalid. Allowed choices are info, low, medium, high, critical.",
    ],
  ])('exits 2 with one line for %j', async (argv, message) => {
    const result = await runMain(['digest', '--source', FIXTURES, ...argv]);
    expect(result.code).toBe(2);
    expect(result.err).toBe(`logfed digest: ${message}\n`);
    expect(result.out).toBe('');
  });

  it('exits 2 naming the source when it does not exist', async () => {
    const result = await run({ source: '/nonexistent/summaries' });
    expect(result.code).toBe(2);
    expect(result.err).toBe('logfed digest: /nonexistent/summaries: no such file or folder\n');
  });

  it('lists a symbolic link among the summaries as skipped, and exits 1', async () => {
    const summaries = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-link-'));
    try {
      fs.symlinkSync(FIXTURES, path.join(summaries, 'elsewhere'));
      const result = await run({ source: summaries, since: '2026-11-25T00:00:00Z', hours: '24', format: 'json' });
      expect(result.code).toBe(1);
      expect(JSON.parse(result.out).skipped).toEqual([
        { object: path.join(summaries, 'elsewhere'), reason: 'symbolic link, not followed' },
      ]);
    } finally {
      fs.rmSync(summaries, { recursive: true, force: true });
    }
  });

  it.each([
    [undefined, 0],
    ['high', 0],
    ['medium', 1],
  ] as const)('with --fail-on %s over a window of medium findings, exits %d', async (failOn, code) => {
    const { io } = captureIo();
    const summaries = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-fail-on-'));
    try {
      const loadErrors = path.join(__dirname, '..', '..', 'samples', 'logs', 'redshift');
      await analyzeToOutput([loadErrors], { format: 'json', workers: 1, out: path.join(summaries, 's.json') }, io);
      const result = await run({ source: summaries, since: '2026-11-01T00:00:00Z', hours: '720', failOn });
      expect(result.out).toContain('Medium (2)');
      expect(result.code).toBe(code);
    } finally {
      fs.rmSync(summaries, { recursive: true, force: true });
    }
  });

  describe('with S3', () => {
    let moto: MotoServer;
    beforeAll(async () => {
      moto = await startMoto();
    });
    afterAll(async () => moto.stop());

    it('writes the report to an s3:// object with --out', async () => {
      const s3 = new S3Client({ endpoint: moto.endpoint, forcePathStyle: true });
      await s3.send(new CreateBucketCommand({ Bucket: 'reports' }));
      const result = await run({
        since: '2026-11-25T00:00:00Z',
        hours: '24',
        format: 'json',
        out: 's3://reports/digest/day.json',
      });
      expect(result).toMatchObject({ code: 0, out: '' });
      const object = await s3.send(new GetObjectCommand({ Bucket: 'reports', Key: 'digest/day.json' }));
      expect(object.ContentType).toBe('application/json');
      expect(JSON.parse(await object.Body!.transformToString()).events).toBe(50);
    });
  });
});
