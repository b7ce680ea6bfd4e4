import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Summary } from '../summary/types';
import { analyzeObject } from './analyze-object';
import { SummaryMerger } from './summary-merger';
import type { WorkerReply, WorkerRequest } from './worker';

/** The compiled worker script; absent when running from TypeScript sources (tests), where objects run in-process. */
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export function workersAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

/**
 * Analyzes objects on `workers` threads (each parses its own objects while gunzip runs on the libuv pool) and
 * merges their summaries; in-process when one worker is asked for or the compiled worker is not there (tests run
 * from TypeScript). `onDone` is called after each object.
 */
export async function analyzeObjects(
  locations: readonly string[],
  workers: number,
  onDone: () => void = () => undefined,
): Promise<Summary> {
  const merger = new SummaryMerger();
  const threads = Math.min(workers, locations.length);
  if (threads <= 1 || !workersAvailable()) {
    for (const location of locations) {
      merger.add(await analyzeObject(location));
      onDone();
    }
    return merger.result();
  }
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SCRIPT);
      const send = () =>
        worker.postMessage((next < locations.length ? locations[next++] : null) satisfies WorkerRequest);
      worker.on('message', (message: WorkerReply) => {
        if ('error' in message) {
          void worker.terminate();
          reject(new Error(`${message.location}: ${message.error}`));
        } else if ('summary' in message) {
          merger.add(message.summary as Summary);
          worker.terminate().then(() => resolve(), reject);
        } else {
          onDone();
          send();
        }
      });
      worker.on('error', reject);
      send();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return merger.result();
}
