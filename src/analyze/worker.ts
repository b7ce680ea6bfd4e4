import { parentPort } from 'node:worker_threads';
import { analyzeObject } from './analyze-object';
import { SummaryMerger } from './summary-merger';

/** Sent to a worker: the next object to analyze, or null when there is none left. */
export type WorkerRequest = string | null;
/** Sent back: one object done, the worker's merged summary (after null), or an error naming the object. */
export type WorkerReply = { done: string } | { summary: unknown } | { error: string; location: string };

const merger = new SummaryMerger();
const queue: WorkerRequest[] = [];
let busy = false;

const reply = (message: WorkerReply) => parentPort?.postMessage(message);

/** Analyzes queued objects one at a time, in the order sent (the pool sends the next before this one is done). */
async function drain(): Promise<void> {
  busy = true;
  for (let location = queue.shift(); location !== undefined; location = queue.shift()) {
    if (location === null) return reply({ summary: merger.result() });
    try {
      merger.add(await analyzeObject(location));
      reply({ done: location });
    } catch (error) {
      return reply({ location, error: error instanceof Error ? error.message : String(error) });
    }
  }
  busy = false;
}

/** A pool worker: analyzes the objects it is sent, one at a time, and merges their summaries itself. */
parentPort?.on('message', (location: WorkerRequest) => {
  queue.push(location);
  if (!busy) void drain();
});
