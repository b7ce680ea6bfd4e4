import { parentPort } from 'node:worker_threads';
import { analyzeObject } from './analyze-object';

/** A pool worker: analyzes the objects it is sent, one at a time, and posts back each summary. */
parentPort?.on('message', (location: string) => {
  analyzeObject(location).then(
    (summary) => parentPort?.postMessage({ location, summary }),
    (error: unknown) =>
      parentPort?.postMessage({ location, error: error instanceof Error ? error.message : String(error) }),
  );
});
