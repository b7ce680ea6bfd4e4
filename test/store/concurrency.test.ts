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
