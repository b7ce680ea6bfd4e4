import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Summary } from '../summary/types';
import { SummaryMerger } from './summary-merger';
import type { WorkerReply, WorkerRequest } from './worker';

/** The compiled worker script; absent when running from TypeScript sources (tests), where objects run in-process. */
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

/**
 * The summary of one log object, analyzed on this thread. The readers and rules load on first call: compiling
 * the rules costs tens of milliseconds, which a run pays on this thread only when this thread analyzes.
 */
export function analyzeObject(location: string): Promise<Summary> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./analyze-object') as typeof import('./analyze-object')).analyzeObject(location);
}

/** Raised when a worker fails; the message names the object it was analyzing when it did. */
export class AnalyzeWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalyzeWorkerError';
  }
}

/** Objects a worker holds at once: the next is there when it finishes one, while this thread is busy analyzing. */
const IN_FLIGHT = 2;

/** Lets the event loop run: this thread's analysis of a small object never waits on I/O, so it would not. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Analyzes objects on `threads` threads and merges their summaries: this thread is one of them (a worker thread
 * costs a start-up, module loading and rule compilation of its own, about as much as analyzing 10,000 events)
 * and `threads - 1` workers are the others, each holding up to `IN_FLIGHT` objects so it never waits for this
 * thread to hand it the next. Without the compiled worker script (tests run from TypeScript) everything runs on
 * this thread. The first failure stops every worker and rejects; `onDone` is called after each object.
 */
export async function analyzeObjects(
  locations: readonly string[],
  threads: number,
  onDone: () => void = () => undefined,
  workerScript: string = WORKER_SCRIPT,
): Promise<Summary> {
  const merger = new SummaryMerger();
  const workerCount = existsSync(workerScript) ? Math.max(0, Math.min(threads, locations.length) - 1) : 0;
  let next = 0;
  const take = (): string | null => (next < locations.length ? locations[next++] : null);
  const workers: Worker[] = [];
  let failed = false;
  let cause: unknown;
  const stopAll = (error: unknown) => {
    cause ??= error;
    failed = true;
    for (const worker of workers) void worker.terminate();
  };

  const runWorker = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(workerScript);
      workers.push(worker);
      /** Objects sent and not yet done, oldest first: the first is the one the worker is analyzing. */
      const held: string[] = [];
      let exhausted = false;
      let ended = false;
      let finished = false;
      const fail = (message: string) => {
        if (finished) return;
        finished = true;
        const error = new AnalyzeWorkerError(message);
        stopAll(error);
        reject(error);
      };
      /** Sends the next object; when there is none, the end (null), once the worker is done with what it holds. */
      const send = () => {
        if (!exhausted) {
          const location = failed ? null : take();
          if (location !== null) {
            held.push(location);
            worker.postMessage(location satisfies WorkerRequest);
            return;
          }
          exhausted = true;
        }
        if (held.length > 0 || ended) return;
        ended = true;
        worker.postMessage(null satisfies WorkerRequest);
      };
      worker.on('message', (message: WorkerReply) => {
        if ('error' in message) fail(`${message.location}: ${message.error}`);
        else if ('summary' in message) {
          merger.add(message.summary as Summary);
          finished = true;
          worker.terminate().then(() => resolve(), reject);
        } else {
          held.shift();
          onDone();
          send();
        }
      });
      worker.on('error', (error) => fail(`${held[0] ?? 'analyze worker'}: ${error.message}`));
      worker.on('exit', (code) => {
        if (failed && !finished) {
          finished = true;
          reject(new AnalyzeWorkerError('stopped after another worker failed'));
        } else {
          fail(`${held[0] ?? 'analyze worker'}: the worker exited (code ${code}) before it finished`);
        }
      });
      for (let i = 0; i < IN_FLIGHT; i++) send();
    });

  const runHere = async () => {
    for (let location = take(); location !== null && !failed; location = take()) {
      try {
        merger.add(await analyzeObject(location));
      } catch (error) {
        stopAll(error);
        throw error;
      }
      onDone();
      // Hear from the workers between objects: a failure stops this thread too, and a worker that is done with an
      // object gets the next.
      await turn();
    }
  };

  const runs = [...Array.from({ length: workerCount }, runWorker), runHere()];
  // Wait for every run to settle, so no worker outlives the call, then report the first failure: the cause.
  await Promise.allSettled(runs);
  if (failed) throw cause;
  return merger.result();
}
