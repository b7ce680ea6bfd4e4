import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import * as zlib from 'node:zlib';
import { splitFile } from '../../src/split';
import { MotoServer, startMoto } from '../helpers/moto';

describe('logfed split over S3 (moto server)', () => {
  let moto: MotoServer;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMoto();
    s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'logs' }));
  });

  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  it('reads a gzip object and uploads a chunk larger than one 8 MiB part with its manifest', async () => {
    // ~24 MiB of lines in 2 chunks: the first chunk alone needs a multipart upload.
    const lines = Array.from({ length: 300_000 }, (_, i) => `event ${i} ${'payload '.repeat(9)}`).join('\n') + '\n';
    await s3.send(new PutObjectCommand({ Bucket: 'logs', Key: 'in/app.log.gz', Body: zlib.gzipSync(lines) }));

    await splitFile({ input: 's3://logs/in/app.log.gz', out: 's3://logs/chunks/app/', sizing: { chunks: 2 } });

    const read = async (key: string) =>
      Buffer.from(
        await (await s3.send(new GetObjectCommand({ Bucket: 'logs', Key: key }))).Body!.transformToByteArray(),
      );
    const manifest = JSON.parse((await read('chunks/app/manifest.json')).toString());
    expect(manifest.entries.map((e: { url: string }) => e.url)).toEqual([
      's3://logs/chunks/app/part-00000',
      's3://logs/chunks/app/part-00001',
    ]);
    // A multipart object's ETag ends in -<number of parts>.
    const first = await s3.send(new HeadObjectCommand({ Bucket: 'logs', Key: 'chunks/app/part-00000' }));
    expect(first.ETag).toMatch(/-[2-9]"?$/);
    expect(manifest.entries[0].meta.content_length).toBeGreaterThan(8 * 2 ** 20);
    const parts = [await read('chunks/app/part-00000'), await read('chunks/app/part-00001')];
    expect(parts.map((p) => p.length)).toEqual(
      manifest.entries.map((e: { meta: { content_length: number } }) => e.meta.content_length),
    );
    expect(Buffer.concat(parts).toString()).toBe(lines);
  });
});
