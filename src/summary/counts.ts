import type { Counts } from './types';

/**
 * Counts keyed by values from logs (event names, sources, error codes, principals…). They have no prototype, so
 * a key such as `constructor`, `toString` or `__proto__` is counted like any other instead of reading or
 * replacing what `Object.prototype` holds under that name.
 */
export function emptyCounts(): Counts {
  return Object.create(null) as Counts;
}

export function addCount(counts: Counts, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

export function addCounts(into: Counts, from: Counts): void {
  for (const key of Object.keys(from)) into[key] = (into[key] ?? 0) + from[key];
}

/** A copy with keys in code-unit order, so output does not depend on the order counts were added in. */
export function sortedCounts(counts: Counts): Counts {
  const sorted = emptyCounts();
  for (const key of Object.keys(counts).sort(compareKeys)) sorted[key] = counts[key];
  return sorted;
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
