import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { StoreError } from '../../src/store';
import { S3Store, defaultS3Client } from '../../src/store/s3-store';
import { MotoServer, startMoto } from '../helpers/moto';

describe('S3Store against moto server', () => {
  let moto: MotoServer;
  let store: S3Store;
  beforeAll(async () => {
    moto = await startMoto();
    store = new S3Store(defaultS3Client());
    await store.client.send(new CreateBucketCommand({ Bucket: 'logs' }));
  });
  afterAll(() => moto.stop());

  it('writes buffers and streams and lists them under a prefix with relative keys', async () => {
    await store.write('s3://logs/in/a.json', '{"a":1}');
    await store.write('s3://logs/in/deep/b.json', Readable.from([Buffer.alloc(9 * 1024 * 1024, 120)]));
    const listed = await store.list('s3://logs/in/');
    expect(listed.map((o) => o.key)).toEqual(['a.json', 'deep/b.json']);
    expect(listed[1].size).toBe(9 * 1024 * 1024);
    expect(listed[0].etag).toMatch(/^[0-9a-f]{32}$/);
    expect((await store.readAll('s3://logs/in/a.json')).toString()).toBe('{"a":1}');
  });

  it('lists every page of a prefix', async () => {
    const keys = Array.from({ length: 7 }, (_, i) => `paged/${i}.json`);
    await Promise.all(keys.map((key) => store.write(`s3://logs/${key}`, '{}')));
    const pagesOfTwo = new S3Store(store.client, 2);
    const listed = await pagesOfTwo.list('s3://logs/paged/');
    expect(listed.map((o) => `paged/${o.key}`)).toEqual(keys);
  });

  it('reports a missing object with its location', async () => {
    await expect(store.readAll('s3://logs/nope')).rejects.toThrow(StoreError);
    await expect(store.readAll('s3://logs/nope')).rejects.toThrow(/s3:\/\/logs\/nope: NoSuchKey/);
  });
});
