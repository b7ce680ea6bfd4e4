import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { digestSummaries, summaryKey } from '../../src/digest';
import { emptySummary } from '../../src/summary/merge';
import { finding, hourSummary } from './helpers';

/** The compiled digest: only there does the merge run on a worker thread (jest runs the sources on this one). */
const DIGEST = path.resolve(__dirname, '../../dist/src/digest/index.js');
const WINDOW = { since: new Date('2026-11-27T00:00:00Z'), until: new Date('2026-11-28T00:00:00Z') };

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-merge-thread-'));
  const write = (key: string, body: string) => {
    fs.mkdirSync(path.join(dir, path.dirname(key)), { recursive: true });
    fs.writeFileSync(path.join(dir, key), body);
  };
  // More files than the worker is let to hold, so reads wait for it; keys from the logs that name prototype members.
  for (let i = 0; i < 1500; i++) {
    const hour = `2026-11-27T${String(i % 24).padStart(2, '0')}`;
    const summary = hourSummary(hour, 1 + (i % 7), i % 50 === 0 ? [finding(i, 'high', hour)] : []);
    const hostile = { ...summary, byEventName: JSON.parse(`{"__proto__": 1, "constructor": ${i % 3}}`) };
    write(summaryKey(new Date(`${hour}:00:00Z`), `s${i}`), JSON.stringify(i % 10 === 0 ? hostile : summary));
  }
  write(summaryKey(new Date('2026-11-27T05:00:00Z'), 'broken'), '{"objects": 1,');
  // No event times: placed by its partition's hour.
  write(summaryKey(new Date('2026-11-27T06:00:00Z'), 'no-times'), JSON.stringify({ ...emptySummary(), objects: 1 }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('digestSummaries with the merge on a worker thread', () => {
  const compiled = fs.existsSync(DIGEST) ? it : it.skip;

  compiled('gives the result the merge on this thread gives', async () => {
    const script =
      `const digest = require(${JSON.stringify(DIGEST)});` +
      `const { MergeThread } = require(${JSON.stringify(path.join(path.dirname(DIGEST), 'merge-thread.js'))});` +
      `if (!MergeThread.available()) throw new Error('no compiled worker');` +
      `digest.digestSummaries({ source: ${JSON.stringify(dir)}, window: { since: new Date(${WINDOW.since.getTime()}),` +
      ` until: new Date(${WINDOW.until.getTime()}) } }).then((r) => process.stdout.write(JSON.stringify(r)));`;
    const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { maxBuffer: 64 * 2 ** 20 });
    const here = await digestSummaries({ source: dir, window: WINDOW });
    expect(here.summariesListed).toBe(1502);
    expect(here.summary.byEventName.constructor).toBe(150);
    expect(Object.getOwnPropertyDescriptor(here.summary.byEventName, '__proto__')?.value).toBe(150);
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(here)));
  });
});
