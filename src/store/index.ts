import { LocalStore } from './local-store';
import type { S3Store } from './s3-store';
import type { NotListed, ObjectStore } from './types';
import { isS3Uri } from './uri';

export * from './types';
export * from './uri';
export { LocalStore } from './local-store';

let s3: S3Store | undefined;
const local = new LocalStore();

/** The store that serves a location: S3 for `s3://…`, the local file system otherwise. */
export function storeFor(location: string): ObjectStore {
  if (isS3Uri(location)) {
    s3 ??= newS3Store();
    return s3;
  }
  return local;
}

/** Loading the AWS SDK costs about 70 ms of start-up, so only runs that touch S3 load it. */
function newS3Store(): S3Store {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { S3Store } = require('./s3-store') as typeof import('./s3-store');
  return new S3Store();
}

/**
 * Every object at or below the given locations, each once: overlapping locations (a folder and a file in it)
 * must not count an object twice. A location that cannot be listed throws a `StoreError` naming it; entries
 * a listing leaves out on purpose go to `notListed`.
 */
export async function listObjects(locations: readonly string[], notListed?: NotListed): Promise<string[]> {
  const found = new Set<string>();
  for (const location of locations) {
    for (const info of await storeFor(location).list(location, notListed)) found.add(info.location);
  }
  return [...found];
}
