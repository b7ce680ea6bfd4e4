import { parentPort, workerData } from 'node:worker_threads';
import type { FromMergeWorker, MergeWorkerData, ToMergeWorker } from './merge-thread';
import { WindowMerge } from './window-merge';

/** The worker of a `MergeThread`: merges the files it is sent, in order, and replies after each batch. */
const data = workerData as MergeWorkerData;
const merge = new WindowMerge({ since: new Date(data.since), until: new Date(data.until) }, data.limits);
const reply = (message: FromMergeWorker) => parentPort?.postMessage(message);

async function handle(message: ToMergeWorker): Promise<void> {
  if ('notListed' in message) return reply({ result: await merge.finish(message.notListed) });
  const { locations, keys, lastModified, ends, bytes, unreadable } = message.batch;
  const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < locations.length; i++) {
    const time = lastModified[i];
    const info = {
      location: locations[i],
      key: keys[i],
      ...(Number.isNaN(time) ? {} : { lastModified: new Date(time) }),
    };
    await merge.add(info, all.subarray(ends[i - 1] ?? 0, ends[i]));
  }
  for (const { location, reason } of unreadable) merge.unreadable(location, reason);
  reply({ merged: locations.length + unreadable.length, inWindow: merge.inWindow });
}

// One message at a time, in order: a batch can wait on a file's modification time, and the end must come last.
let queue = Promise.resolve();
parentPort?.on('message', (message: ToMergeWorker) => {
  queue = queue.then(() => handle(message));
});
