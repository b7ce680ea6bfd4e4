import { availableParallelism } from 'node:os';
import { listObjects } from '../store';
import { emptySummary, mergeSummaries } from '../summary/merge';
import type { SkippedObject, Summary } from '../summary/types';
import { analyzeObjects } from './pool';

export { AnalyzeWorkerError, analyzeObject, analyzeObjects } from './pool';

export interface AnalyzeOptions {
  /** Threads analyzing objects in parallel; default: one per core. */
  readonly workers?: number;
  /** Called after each object with the number done and the total. */
  readonly onProgress?: (done: number, total: number) => void;
}

/**
 * Analyzes every log object at or below the given locations (files, folders, `s3://` objects or prefixes) into
 * one summary. A location that cannot be listed throws (the caller names it); a bad object is only `skipped`,
 * and so is a symbolic link the folder walk does not follow.
 */
export async function analyze(locations: readonly string[], options: AnalyzeOptions = {}): Promise<Summary> {
  const notListed = new Map<string, SkippedObject>();
  const objects = await listObjects(locations, (object, reason) => notListed.set(object, { object, reason }));
  let done = 0;
  const summary = await analyzeObjects(objects, options.workers ?? availableParallelism(), () =>
    options.onProgress?.(++done, objects.length),
  );
  if (notListed.size === 0) return summary;
  return mergeSummaries(summary, { ...emptySummary(), objects: notListed.size, skipped: [...notListed.values()] });
}
