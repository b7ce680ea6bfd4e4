import type { Readable } from 'node:stream';

/** One object (local file or S3 object) as listed by a store. */
export interface ObjectInfo {
  /** Full location: a local path or `s3://bucket/key`. */
  readonly location: string;
  /** Key relative to the listed prefix or folder, with `/` separators. */
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** S3 ETag (quotes removed) or, locally, `<size>-<mtimeMs>`; used for idempotent derived keys. */
  readonly etag: string;
}

/** One object as a streamed listing (`walk`) yields it. */
export interface ListedObject {
  /** Full location: a local path or `s3://bucket/key`. */
  readonly location: string;
  /** Key relative to the listed prefix or folder, with `/` separators. */
  readonly key: string;
  /** When it was last written, where the listing says so without a request per object (S3); see `lastModified`. */
  readonly lastModified?: Date;
}

/** Receives an entry a listing leaves out, with the reason. */
export type NotListed = (location: string, reason: string) => void;

/** The object-store interface shared by the CLI, the Lambda and the digest: local folders and S3 alike. */
export interface ObjectStore {
  /**
   * Every object at or below `location` (a file, a folder, an object or a prefix), sorted by key. Entries it
   * leaves out on purpose (local symbolic links, which are not followed) go to `notListed` with the reason.
   */
  list(location: string, notListed?: NotListed): Promise<ObjectInfo[]>;
  /**
   * The same objects as `list`, a page at a time as they are found (a folder's entries as read from the
   * directory, an S3 listing page), in no particular order and without collecting them, so memory stays flat
   * however many there are; a local walk does not stat each file. Throws a `StoreError` when `location` cannot
   * be listed.
   */
  walk(location: string, notListed?: NotListed): AsyncIterable<readonly ListedObject[]>;
  /** When one object was last written. */
  lastModified(location: string): Promise<Date>;
  /** A byte stream of one object. */
  openRead(location: string): Readable;
  /** Reads one whole object into memory; for small objects only. */
  readAll(location: string): Promise<Buffer>;
  /** Writes one object from a buffer, string or stream (S3: multipart upload for streams). */
  write(location: string, body: Buffer | string | Readable, contentType?: string): Promise<void>;
  /** Removes one object; removing one that is not there is not an error. */
  delete(location: string): Promise<void>;
}

/** Raised when a location cannot be read or listed; the message names the location. */
export class StoreError extends Error {
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super(`${location}: ${reason}`);
    this.name = 'StoreError';
  }
}
