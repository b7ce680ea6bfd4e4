import { forEachConcurrently } from '../../src/store/concurrency';

/** A promise settled from outside, to decide when each task finishes. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('forEachConcurrently (the sliding window the digest reads through)', () => {
  it('keeps at most `limit` tasks in flight and starts the next as soon as any one finishes', async () => {
    const tasks = Array.from({ length: 6 }, () => deferred<number>());
    const started: number[] = [];
    const results: number[] = [];
    const run = forEachConcurrently(
      [0, 1, 2, 3, 4, 5],
      2,
      (i) => {
        started.push(i);
        return tasks[i].promise;
      },
      (result) => results.push(result),
    );
    await settle();
    expect(started).toEqual([0, 1]);
    // Item 0 is slow: the others go through the second slot without waiting for it (no fixed batches).
    for (const i of [1, 2, 3, 4]) {
      tasks[i].resolve(i * 10);
      await settle();
    }
    expect(started).toEqual([0, 1, 2, 3, 4, 5]);
    expect(results).toEqual([10, 20, 30, 40]);
    tasks[5].resolve(50);
    tasks[0].resolve(0);
    await run;
    expect(results).toEqual([10, 20, 30, 40, 50, 0]);
  });

  it('stops starting tasks after a failure and rethrows it once the tasks in flight settle', async () => {
    const started: number[] = [];
    const slow = deferred<number>();
    const run = forEachConcurrently(
      [0, 1, 2, 3],
      2,
      async (i) => {
        started.push(i);
        if (i === 0) return slow.promise;
        throw new Error(`task ${i} failed`);
      },
      () => undefined,
    );
    let settled = false;
    void run.catch(() => (settled = true));
    await settle();
    expect(started).toEqual([0, 1]);
    expect(settled).toBe(false);
    slow.resolve(0);
    await expect(run).rejects.toThrow('task 1 failed');
    expect(started).toEqual([0, 1]);
  });

  it('reads a stream of pages only as slots need items, and stops at a failure of the stream', async () => {
    const fetched: number[] = [];
    let closed = false;
    async function* pages(fail: boolean) {
      try {
        for (let p = 0; p < 5; p++) {
          fetched.push(p);
          if (fail && p === 2) throw new Error('listing failed');
          yield [p * 10, p * 10 + 1, p * 10 + 2];
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    await forEachConcurrently(
      pages(false),
      2,
      async (i) => i,
      (result) => seen.push(result),
    );
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 10, 11, 12, 20, 21, 22, 30, 31, 32, 40, 41, 42]);

    // Slots busy on the first page's items: no other page is read yet.
    fetched.length = 0;
    const gate = deferred<void>();
    const lazy = forEachConcurrently(
      pages(false),
      2,
      async (i) => gate.promise.then(() => i),
      () => undefined,
    );
    await settle();
    expect(fetched).toEqual([0]);
    gate.resolve();
    await lazy;

    fetched.length = 0;
    closed = false;
    await expect(
      forEachConcurrently(
        pages(true),
        2,
        async (i) => i,
        () => undefined,
      ),
    ).rejects.toThrow('listing failed');
    expect(fetched).toEqual([0, 1, 2]);
    expect(closed).toBe(true);
  });

  it('refuses a limit that is not a whole number of at least 1', async () => {
    await expect(
      forEachConcurrently(
        [1],
        0,
        async () => 1,
        () => undefined,
      ),
    ).rejects.toThrow(RangeError);
  });
});
