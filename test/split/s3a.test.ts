import { CreateBucketCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { MotoServer, startMoto } from '../helpers/moto';
import { sparkEngineWith } from './engines';

const JARS = path.resolve(__dirname, '..', '..', '.gen', 'hadoop-aws');

/** The hadoop-aws jars `scripts/ensure-hadoop-aws.sh` fetched (npm test runs it); fails loudly when missing. */
function connectorJars(): string {
  const jars = fs.existsSync(JARS) ? fs.readdirSync(JARS).filter((name) => name.endsWith('.jar')) : [];
  if (jars.length < 2) throw new Error(`${JARS} lacks the s3a connector: run scripts/ensure-hadoop-aws.sh`);
  return jars.map((name) => path.join(JARS, name)).join(',');
}

describe('split contract: EMR job on s3a:// (pyspark local mode, moto server)', () => {
  let moto: MotoServer;
  let s3: S3Client;

  beforeAll(async () => {
    moto = await startMoto();
    s3 = new S3Client({ forcePathStyle: true });
    await s3.send(new CreateBucketCommand({ Bucket: 'landing' }));
  });

  afterAll(async () => {
    s3.destroy();
    await moto.stop();
  });

  it('reads a gzip object and writes gzip chunks and the manifest through s3a, every line once and in order', async () => {
    const lines = Array.from({ length: 5_000 }, (_, i) => `2026-11-27T00:00:00Z host-${i % 13} GET /api/${i}`);
    const content = `${lines.join('\n')}\n`;
    await s3.send(
      new PutObjectCommand({ Bucket: 'landing', Key: 'storefront/in.log.gz', Body: zlib.gzipSync(content) }),
    );

    const engine = sparkEngineWith({
      'spark.jars': connectorJars(),
      'spark.hadoop.fs.s3a.endpoint': moto.endpoint,
      'spark.hadoop.fs.s3a.path.style.access': 'true',
      'spark.hadoop.fs.s3a.connection.ssl.enabled': 'false',
      'spark.hadoop.fs.s3a.access.key': 'testing',
      'spark.hadoop.fs.s3a.secret.key': 'testing',
      'spark.hadoop.fs.s3a.endpoint.region': 'us-east-1',
      // Only the keys above: no probing of instance metadata or other credential sources, no bucket probe.
      'spark.hadoop.fs.s3a.aws.credentials.provider': 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
      'spark.hadoop.fs.s3a.bucket.probe': '0',
      'spark.hadoop.fs.s3a.experimental.input.fadvise': 'sequential',
    });
    const outcomes = await engine([
      {
        input: 's3a://landing/storefront/in.log.gz',
        out: 's3a://landing/chunks/run-1/storefront/',
        sizing: { chunks: 4 },
        gzip: true,
      },
    ]);
    expect(outcomes).toEqual([{ ok: true, chunks: 4, bytes: Buffer.byteLength(content) }]);

    const read = async (key: string) =>
      Buffer.from(
        await (await s3.send(new GetObjectCommand({ Bucket: 'landing', Key: key }))).Body!.transformToByteArray(),
      );
    const manifest = JSON.parse((await read('chunks/run-1/storefront/manifest.json')).toString());
    const chunks: Buffer[] = [];
    for (const [i, entry] of manifest.entries.entries()) {
      expect(entry.url).toBe(`s3a://landing/chunks/run-1/storefront/part-0000${i}.gz`);
      const stored = await read(`chunks/run-1/storefront/part-0000${i}.gz`);
      expect(entry.meta.content_length).toBe(stored.length);
      chunks.push(zlib.gunzipSync(stored));
    }
    expect(Buffer.concat(chunks).toString()).toBe(content);
    // Spark's start and the s3a commit's copies are slow on a busy machine; this only bounds a hang.
  }, 1_200_000);
});
