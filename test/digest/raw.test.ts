import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { digestJson, digestRawLogs } from '../../src/digest';

const BIN = path.resolve(__dirname, '../../bin/logfed.js');

const WINDOW = { since: new Date('2026-11-27T00:00:00Z'), until: new Date('2026-11-28T00:00:00Z') };

function cloudTrailEvent(eventID: string, eventName: string, eventSource: string) {
  return {
    eventVersion: '1.08',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111122223333:user/ci-deployer', userName: 'ci-deployer' },
    eventTime: '2026-11-27T10:15:00Z',
    eventSource,
    eventName,
    awsRegion: 'us-east-1',
    sourceIPAddress: '203.0.113.24',
    eventID,
    eventType: 'AwsApiCall',
    recipientAccountId: '111122223333',
  };
}

function write(dir: string, name: string, body: Buffer | string, modified: string): void {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, body);
  fs.utimesSync(file, new Date(modified), new Date(modified));
}

describe('digestRawLogs', () => {
  it('analyzes the log objects delivered in the window and reports unreadable ones', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-raw-'));
    const records = [
      cloudTrailEvent('6f1d0c1e-7b4e-4c47-9a8e-0b1f7c2d3e41', 'StopLogging', 'cloudtrail.amazonaws.com'),
      cloudTrailEvent('0c9a55d2-11aa-4a3e-8b77-5d6e7f801234', 'GetObject', 's3.amazonaws.com'),
    ];
    const key =
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/111122223333_CloudTrail_us-east-1_20261127T1020Z_a1.json.gz';
    write(dir, key, gzipSync(JSON.stringify({ Records: records })), '2026-11-27T10:20:00Z');
    write(
      dir,
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/broken.json.gz',
      Buffer.from('not gzip'),
      '2026-11-27T11:00:00Z',
    );
    write(
      dir,
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/20/old.json',
      JSON.stringify({ Records: records }),
      '2026-11-20T10:00:00Z',
    );

    const result = await digestRawLogs({ source: dir, window: WINDOW });
    expect(result.mode).toBe('raw');
    expect(result.summariesListed).toBe(2);
    expect(result.summary.events).toBe(2);
    expect(result.summary.bySource).toEqual({ 'cloudtrail.amazonaws.com': 1, 's3.amazonaws.com': 1 });
    expect(result.summary.skipped.map((s) => s.object)).toEqual([
      path.join(dir, 'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/broken.json.gz'),
    ]);
    expect(result.summary.findings.map((f) => f.eventName)).toContain('StopLogging');
  });

  it('gives the same digest through the built CLI, where objects are analyzed on worker threads', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-digest-raw-threads-'));
    for (let file = 0; file < 12; file++) {
      const records = Array.from({ length: 20 }, (_, i) =>
        cloudTrailEvent(`id-${file}-${i}`, i % 5 === 0 ? 'DeleteTrail' : 'GetObject', 's3.amazonaws.com'),
      );
      const key = `AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/part-${file}.json.gz`;
      write(dir, key, gzipSync(JSON.stringify({ Records: records })), `2026-11-27T${10 + (file % 10)}:00:00Z`);
    }
    write(
      dir,
      'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/27/cut.json.gz',
      Buffer.from('x'),
      '2026-11-27T12:00:00Z',
    );

    const window = ['--since', WINDOW.since.toISOString(), '--until', WINDOW.until.toISOString()];
    // An unreadable object makes the exit code 1, with the digest written all the same.
    const run = await promisify(execFile)(process.execPath, [
      BIN,
      'digest',
      '--raw',
      '--source',
      dir,
      ...window,
      '--format',
      'json',
    ]).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
    );
    expect(run.code).toBe(1);
    const inThread = await digestRawLogs({ source: dir, window: WINDOW, workers: 1 });
    expect(inThread.summary.events).toBe(240);
    expect(inThread.summary.skipped).toHaveLength(1);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(digestJson(inThread)));
  });
});
