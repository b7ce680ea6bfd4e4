import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { PassThrough, Readable } from 'node:stream';
import { ObjectInfo, ObjectStore, StoreError } from './types';
import { formatS3Uri, parseS3Uri } from './uri';

/**
 * S3 behind the object-store interface. Credentials and region come from the usual AWS chain;
 * `AWS_ENDPOINT_URL` (e.g. a local moto server) switches to path-style addressing.
 */
export class S3Store implements ObjectStore {
  constructor(
    readonly client: S3Client = defaultS3Client(),
    /** Keys per ListObjectsV2 page; S3's default and maximum is 1,000. */
    private readonly listPageSize?: number,
  ) {}

  async list(location: string): Promise<ObjectInfo[]> {
    const found: ObjectInfo[] = [];
    for await (const page of this.walk(location)) found.push(...page);
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Page by page: one listing page of keys (`listPageSize`, 1,000 by default) at a time. */
  async *walk(location: string): AsyncGenerator<ObjectInfo[]> {
    const { bucket, key: prefix } = parseS3Uri(location);
    try {
      const pages = paginateListObjectsV2(
        { client: this.client, pageSize: this.listPageSize },
        { Bucket: bucket, Prefix: prefix },
      );
      for await (const page of pages) {
        const infos: ObjectInfo[] = [];
        for (const item of page.Contents ?? []) {
          if (!item.Key || item.Key.endsWith('/')) continue;
          const relative = item.Key.slice(prefix.length).replace(/^\//, '') || item.Key.split('/').pop()!;
          infos.push({
            location: formatS3Uri({ bucket, key: item.Key }),
            key: relative,
            size: item.Size ?? 0,
            lastModified: item.LastModified ?? new Date(0),
            etag: (item.ETag ?? '').replace(/"/g, ''),
          });
        }
        if (infos.length > 0) yield infos;
      }
    } catch (error) {
      throw error instanceof StoreError ? error : new StoreError(location, describe(error));
    }
  }

  async lastModified(location: string): Promise<Date> {
    const { bucket, key } = parseS3Uri(location);
    try {
      const head = await this.client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return head.LastModified ?? new Date(0);
    } catch (error) {
      throw new StoreError(location, describe(error));
    }
  }

  openRead(location: string): Readable {
    const { bucket, key } = parseS3Uri(location);
    const out = new PassThrough();
    this.client
      .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      .then((response) => {
        const body = response.Body as Readable;
        body.on('error', (error) => out.destroy(new StoreError(location, describe(error))));
        body.pipe(out);
      })
      .catch((error) => out.destroy(new StoreError(location, describe(error))));
    return out;
  }

  async readAll(location: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.openRead(location)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async write(location: string, body: Buffer | string | Readable, contentType?: string): Promise<void> {
    const { bucket, key } = parseS3Uri(location);
    try {
      if (body instanceof Readable) {
        // Multipart upload: parts of 8 MiB, four in flight, so memory stays bounded for any size.
        await new Upload({
          client: this.client,
          params: { Bucket: bucket, Key: key, Body: body, ContentType: contentType },
          partSize: 8 * 1024 * 1024,
          queueSize: 4,
        }).done();
      } else {
        await this.client.send(
          new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }),
        );
      }
    } catch (error) {
      throw new StoreError(location, describe(error));
    }
  }

  async delete(location: string): Promise<void> {
    const { bucket, key } = parseS3Uri(location);
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      throw new StoreError(location, describe(error));
    }
  }
}

export function defaultS3Client(): S3Client {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  return new S3Client(endpoint ? { endpoint, forcePathStyle: true } : {});
}

function describe(error: unknown): string {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode ? ` (HTTP ${e.$metadata.httpStatusCode})` : '';
  return `${e.name ?? 'Error'}: ${e.message ?? String(error)}${status}`;
}
