/**
 * Calls `task` on every item with at most `limit` calls in flight, starting the next as soon as any one
 * finishes: a sliding window, so one slow object (an S3 read that retries) holds up one slot, not a whole batch.
 * `onResult` gets each result as it arrives (completion order). The first failure stops new calls and is
 * rethrown once the calls already in flight have settled.
 */
export async function forEachConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  task: (item: T) => Promise<R>,
  onResult: (result: R, item: T) => void,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${limit}`);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const item = items[next++];
      try {
        onResult(await task(item), item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  if (failure) throw failure.error;
}
