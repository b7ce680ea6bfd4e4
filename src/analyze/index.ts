import { availableParallelism } from 'node:os';
import { listObjects } from '../store';
import type { Summary } from '../summary/types';
import { analyzeObjects } from './pool';

export { analyzeObject } from './analyze-object';

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
  const objects = await listObjects(locations);
  let done = 0;
  return analyzeObjects(objects, options.workers ?? availableParallelism(), () =>
    options.onProgress?.(++done, objects.length),
  );
}
