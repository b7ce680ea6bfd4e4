import { availableParallelism } from 'node:os';
import { storeFor } from '../store';
import type { Summary } from '../summary/types';
import { analyzeObjects } from './pool';

export { AnalyzeWorkerError, analyzeObject } from './pool';

export interface AnalyzeOptions {
  /** Threads analyzing objects in parallel; default: one per core. */
  readonly workers?: number;
  /** Called after each object with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Analyzes every log object at or below the given locations (files, folders, `s3://` objects or prefixes) into
 * one summary. A location that cannot be listed throws (the caller names it); a bad object is only `skipped`.
 */
export async function analyze(locations: readonly string[], options: AnalyzeOptions = {}): Promise<Summary> {
  // A set: overlapping locations (a folder and a file in it) must not count an object twice.
  const found = new Set<string>();
  for (const location of locations) {
    for (const info of await storeFor(location).list(location)) found.add(info.location);
  }
  const objects = [...found];
  let done = 0;
  return analyzeObjects(objects, options.workers ?? availableParallelism(), () =>
    options.onProgress?.(++done, objects.length),
  );
}
