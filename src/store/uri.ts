import * as path from 'node:path';

/** A location is either a local path or an `s3://bucket/key` URI; both go through one interface. */
export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export function isS3Uri(location: string): boolean {
  return location.startsWith('s3://');
}

export function parseS3Uri(uri: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  if (!match) {
    throw new Error(`not an S3 URI (expected s3://bucket/key): ${uri}`);
  }
  return { bucket: match[1], key: match[2] };
}

export function formatS3Uri(location: S3Location): string {
  return `s3://${location.bucket}/${location.key}`;
}

/** Joins a child name onto a folder or prefix location, local or S3. */
export function joinLocation(base: string, name: string): string {
  if (isS3Uri(base)) {
    return base.endsWith('/') ? `${base}${name}` : `${base}/${name}`;
  }
  return path.join(base, name);
}
