import { LocalStore } from './local-store';
import { S3Store } from './s3-store';
import type { ObjectStore } from './types';
import { isS3Uri } from './uri';

export * from './types';
export * from './uri';
export { LocalStore } from './local-store';
export { S3Store, defaultS3Client } from './s3-store';

let s3: S3Store | undefined;
const local = new LocalStore();

/** The store that serves a location: S3 for `s3://…`, the local file system otherwise. */
export function storeFor(location: string): ObjectStore {
  if (isS3Uri(location)) {
    s3 ??= new S3Store();
    return s3;
  }
  return local;
}
