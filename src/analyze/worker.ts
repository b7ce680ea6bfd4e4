import { parentPort } from 'node:worker_threads';
import { analyzeObject } from './analyze-object';
import { SummaryMerger } from './summary-merger';

/** Sent to a worker: the next object to analyze, or null when there is none left. */
export type WorkerRequest = string | null;
/** Sent back: one object done, the worker's merged summary (after null), or an error naming the object. */
export type WorkerReply = { done: string } | { summary: unknown } | { error: string; location: string };

const merger = new SummaryMerger();

/** A pool worker: analyzes the objects it is sent, one at a time, and merges their summaries itself. */
parentPort?.on('message', (location: WorkerRequest) => {
  const reply = (message: WorkerReply) => parentPort?.postMessage(message);
  if (location === null) return reply({ summary: merger.result() });
  analyzeObject(location).then(
    (summary) => {
      merger.add(summary);
      reply({ done: location });
    },
    (error: unknown) => reply({ location, error: error instanceof Error ? error.message : String(error) }),
  );
});
