import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyze';
import { generate } from '../../src/generate';
import { defaultS3Client } from '../../src/store/s3-store';
import { MotoServer, startMoto } from '../helpers/moto';

const SAMPLES = path.join(__dirname, '../../samples/logs');

function files(folder: string): string[] {
  return fs
    .readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)));
}

describe('analyze over s3:// against moto server', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMoto();
    const client = defaultS3Client();
    await client.send(new CreateBucketCommand({ Bucket: 'logs' }));
    for (const key of files(SAMPLES)) {
      await client.send(
        new PutObjectCommand({ Bucket: 'logs', Key: `archive/${key}`, Body: fs.readFileSync(path.join(SAMPLES, key)) }),
      );
    }
    await client.send(
      new PutObjectCommand({ Bucket: 'logs', Key: 'archive/broken/empty.json', Body: new Uint8Array(0) }),
    );
  });
  afterAll(() => moto.stop());

  it('reads objects under a prefix like the same files on disk, naming them by URI', async () => {
    const remote = await analyze(['s3://logs/archive/'], { workers: 1 });
    const local = await analyze([SAMPLES], { workers: 1 });
    expect(remote.objects).toBe(local.objects + 1);
    expect(remote.events).toBe(local.events);
    expect(remote.byEventName).toEqual(local.byEventName);
    // Pipeline event ids hash the object's location, so only CloudTrail findings keep their ids across stores.
    const cloudTrailIds = (summary: typeof local) =>
      summary.findings.filter((f) => !f.ruleId.match(/^(emr|data-pipeline|redshift)-/)).map((f) => f.id);
    expect(cloudTrailIds(remote)).toEqual(cloudTrailIds(local));
    expect(remote.findings).toHaveLength(local.findings.length);
    expect(remote.skipped).toEqual([{ object: 's3://logs/archive/broken/empty.json', reason: 'empty object' }]);
    expect(remote.pipeline.failures.map((f) => f.object)).toEqual([
      's3://logs/archive/datapipeline/df-0123456789ABCDEFGHIJ/LoadWarehouse/@LoadWarehouse_2026-11-27T10:00:00/@LoadWarehouse_2026-11-27T10:00:00_Attempt=1/Activity.log',
      's3://logs/archive/emr/j-2AB3CD4EF5GH6/steps/s-1XYZ2ABC3DEF4/controller.gz',
    ]);
  });

  it('generates delivery files into a bucket and analyzes them from there', async () => {
    const { files } = await generate({ events: 3000, files: 2, out: 's3://logs/generated/' });
    expect(files[0]).toMatch(/^s3:\/\/logs\/generated\/AWSLogs\/123456789012\/CloudTrail\//);
    const summary = await analyze(['s3://logs/generated/'], { workers: 1 });
    expect(summary).toMatchObject({ objects: 2, events: 3000, skipped: [], byKind: { cloudtrail: 2 } });
  });

  it('fails with the location named when a bucket does not exist', async () => {
    await expect(analyze(['s3://no-such-bucket/x/'], { workers: 1 })).rejects.toThrow(/s3:\/\/no-such-bucket\/x\//);
  });
});
