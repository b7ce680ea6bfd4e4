import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Summary } from '../summary/types';
import { analyzeObject } from './analyze-object';

/** The compiled worker script; absent when running from TypeScript sources (tests), where objects run in-process. */
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

export function workersAvailable(): boolean {
  return existsSync(WORKER_SCRIPT);
}

/**
 * Analyzes objects on `workers` threads (each parses its own objects, gunzip runs on the libuv pool), or
 * in-process when one worker is asked for or the compiled worker is not there. Summaries come back in input
 * order; `onDone` is called after each object.
 */
export async function analyzeObjects(
  locations: readonly string[],
  workers: number,
  onDone: () => void = () => undefined,
): Promise<Summary[]> {
  const threads = Math.min(workers, locations.length);
  if (threads <= 1 || !workersAvailable()) {
    const summaries: Summary[] = [];
    for (const location of locations) {
      summaries.push(await analyzeObject(location));
      onDone();
    }
    return summaries;
  }
  const summaries = new Array<Summary>(locations.length);
  const indexOf = new Map(locations.map((location, i) => [location, i]));
  let next = 0;
  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(WORKER_SCRIPT);
      const send = () => {
        if (next >= locations.length) {
          worker.terminate().then(() => resolve(), reject);
          return;
        }
        worker.postMessage(locations[next++]);
      };
      worker.on('message', (message: { location: string; summary?: Summary; error?: string }) => {
        if (message.error !== undefined) {
          worker.terminate();
          reject(new Error(`${message.location}: ${message.error}`));
          return;
        }
        summaries[indexOf.get(message.location) as number] = message.summary as Summary;
        onDone();
        send();
      });
      worker.on('error', reject);
      send();
    });
  await Promise.all(Array.from({ length: threads }, runWorker));
  return summaries;
}
