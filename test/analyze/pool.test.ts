import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { AnalyzeWorkerError } from '../../src/analyze';
import { analyzeObjects } from '../../src/analyze/pool';

/**
 * A stand-in for the compiled worker, speaking its protocol: it fails on the objects named in the test (with an
 * error reply, an uncaught exception or an exit) and takes its time over the others.
 */
const FAKE_WORKER = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', (location) => {
  if (location === null) return parentPort.postMessage({ summary: { objects: 0, events: 0, skipped: [], findings: [],
    bySource: {}, byEventName: {}, errors: {}, byHour: {}, byPrincipal: {}, byKind: {},
    pipeline: { failures: [], redshiftLoadErrors: { count: 0, samples: [] } } } });
  if (location === 'reply-error') return parentPort.postMessage({ location, error: 'cannot read it' });
  if (location === 'throw') throw new Error('worker crashed');
  if (location === 'exit') process.exit(3);
  setTimeout(() => parentPort.postMessage({ done: location }), 20);
});
`;

let dir: string;
let workerScript: string;
let trailFile: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-pool-'));
  workerScript = path.join(dir, 'fake-worker.js');
  fs.writeFileSync(workerScript, FAKE_WORKER);
  trailFile = path.join(dir, 'trail.json.gz');
  const records = Array.from({ length: 2000 }, (_, i) => ({
    eventVersion: '1.09',
    eventName: 'GetObject',
    eventID: `${i}`,
  }));
  fs.writeFileSync(trailFile, gzipSync(JSON.stringify({ Records: records })));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('analyzeObjects: a worker that fails stops the others', () => {
  it.each([
    ['replies with an error', 'reply-error', /^reply-error: cannot read it$/],
    ['throws', 'throw', /^throw: worker crashed$/],
    ['exits', 'exit', /^exit: the worker exited \(code 3\) before it finished$/],
  ])('when a worker %s, the run rejects naming the object and nothing more is analyzed', async (_, bad, message) => {
    // The worker is handed the bad object first; this thread meanwhile analyzes the real file over and over.
    const locations = [bad, ...Array.from({ length: 600 }, () => trailFile)];
    let done = 0;
    const run = analyzeObjects(locations, 2, () => done++, workerScript);
    await expect(run).rejects.toThrow(AnalyzeWorkerError);
    await expect(run).rejects.toThrow(message);
    const doneAtFailure = done;
    expect(doneAtFailure).toBeLessThan(600);
    await pause(200);
    expect(done).toBe(doneAtFailure);
  });

  it('finishes normally with workers that succeed, every object counted once', async () => {
    const locations = Array.from({ length: 20 }, () => trailFile);
    let done = 0;
    const summary = await analyzeObjects(locations, 3, () => done++, workerScript);
    expect(done).toBe(20);
    // The fake workers report empty summaries; what this thread analyzed holds the real events.
    expect(summary.events % 2000).toBe(0);
    expect(summary.events).toBe(2000 * summary.objects);
  });
});
