/**
 * Calls `task` on every item with at most `limit` calls in flight, starting the next as soon as any one
 * finishes: a sliding window, so one slow object (an S3 read that retries) holds up one slot, not a whole batch.
 * `items` is a list, or a stream of pages of items (a store's `walk`), read a page at a time as slots need items,
 * so a listing of any length is never held whole. `onResult` gets each result as it arrives (completion order).
 * The first failure (of a task or of the stream) stops new calls and is rethrown once the calls already in flight
 * have settled.
 */
export async function forEachConcurrently<T, R>(
  items: Iterable<T> | AsyncIterable<readonly T[]>,
  limit: number,
  task: (item: T) => Promise<R>,
  onResult: (result: R, item: T) => void,
): Promise<void> {
  if (!Number.isInteger(limit) || limit < 1)
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${limit}`);
  const pages: AsyncIterator<readonly T[]> | undefined =
    Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : undefined;
  let page: readonly T[] = pages ? [] : [...(items as Iterable<T>)];
  let index = 0;
  let exhausted = pages === undefined;
  /** The next page being fetched; the lanes that run out of items meanwhile all wait for it. */
  let fetching: Promise<void> | undefined;
  let failure: { error: unknown } | undefined;
  const fetch = async (): Promise<void> => {
    const next = await (pages as AsyncIterator<readonly T[]>).next();
    if (next.done) exhausted = true;
    else [page, index] = [next.value, 0];
  };
  const lane = async (): Promise<void> => {
    while (!failure) {
      while (index >= page.length && !exhausted && !failure) {
        fetching ??= fetch().finally(() => (fetching = undefined));
        try {
          await fetching;
        } catch (error) {
          failure ??= { error };
        }
      }
      if (index >= page.length || failure) return;
      const item = page[index++];
      try {
        onResult(await task(item), item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: limit }, lane));
  if (failure) {
    // Let a stream that is not finished release what it holds (an open directory, a pending page).
    if (!exhausted) await Promise.resolve(pages?.return?.()).catch(() => undefined);
    throw failure.error;
  }
}
