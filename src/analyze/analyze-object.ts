import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import { LocalStore } from '../store/local-store';
import { isS3Uri } from '../store/uri';
import type { ObjectStore } from '../store/types';
import { readLogObject } from '../readers';
import { SummaryBuilder } from '../summary/builder';
import type { Summary } from '../summary/types';

const local = new LocalStore();

/**
 * The store for one location. The S3 client is required only for `s3://` locations: loading it costs about
 * 0.2 s of CPU, paid again by every worker thread, which is most of the work for a small local input.
 */
function storeOf(location: string): ObjectStore {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return isS3Uri(location) ? (require('../store') as typeof import('../store')).storeFor(location) : local;
}

/**
 * Local objects up to this size are read whole and inflated in one call on the analyzing thread: with one thread
 * per core already busy, handing each chunk to the thread pool and back costs more than it overlaps.
 */
const READ_WHOLE_BYTES = 8 * 1024 * 1024;

function open(location: string): Readable | Buffer {
  if (isS3Uri(location)) return storeOf(location).openRead(location);
  return fs.statSync(location).size <= READ_WHOLE_BYTES ? fs.readFileSync(location) : local.openRead(location);
}

/** The summary of one log object (local file or S3 object); bad content ends up in `skipped`, never thrown. */
export async function analyzeObject(location: string): Promise<Summary> {
  const summary = new SummaryBuilder(location);
  await readLogObject(location, () => open(location), {
    kind: (kind) => summary.kind(kind),
    event: (event) => summary.event(event),
    skipped: (where, reason) => summary.skip(where, reason),
  });
  return summary.finish();
}
