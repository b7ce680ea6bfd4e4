import { parentPort, workerData } from 'node:worker_threads';
import type { FromMergeWorker, MergeWorkerData, ToMergeWorker } from './merge-thread';
import { WindowMerge } from './window-merge';

/** The worker of a `MergeThread`: merges the files it is sent, in order, and replies after each batch. */
const data = workerData as MergeWorkerData;
const merge = new WindowMerge({ since: new Date(data.since), until: new Date(data.until) }, data.limits);
const reply = (message: FromMergeWorker) => parentPort?.postMessage(message);

async function handle(message: ToMergeWorker): Promise<void> {
  if ('notListed' in message) return reply({ result: await merge.finish(message.notListed) });
  for (const item of message.items) {
    if ('reason' in item) {
      merge.unreadable(item.location, item.reason);
      continue;
    }
    const body = Buffer.from(item.body.buffer, item.body.byteOffset, item.body.byteLength);
    const lastModified = item.lastModified === undefined ? undefined : new Date(item.lastModified);
    await merge.add({ location: item.location, key: item.key, ...(lastModified ? { lastModified } : {}) }, body);
  }
  reply({ merged: message.items.length, inWindow: merge.inWindow });
}

// One message at a time, in order: a batch can wait on a file's modification time, and the end must come last.
let queue = Promise.resolve();
parentPort?.on('message', (message: ToMergeWorker) => {
  queue = queue.then(() => handle(message));
});
