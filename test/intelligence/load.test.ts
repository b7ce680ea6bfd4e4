import { ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Logger } from '@aws-lambda-powertools/logger';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createHandler } from '../../lambdas/log-intelligence/handler';
import { analyze } from '../../src/analyze';
import { generate, techniquesNamed } from '../../src/generate';
import { S3AlertLedger, SnsAlertPublisher } from '../../src/intelligence/aws';
import { objectId } from '../../src/intelligence/keys';
import { storeFor } from '../../src/store';
import { mergeSummaries } from '../../src/summary/merge';
import type { Summary } from '../../src/summary/types';
import { startMoto, type MotoServer } from '../helpers/moto';
import { createTopology, deleteMessages, drain, receive, sqsEventOf, type Topology } from './topology';

/**
 * 2,000 objects is the size this path is specified for; on moto each request costs tens of milliseconds (a
 * receive hundreds), so the default run uses 250 to stay within the test command's minutes.
 * `LOGFED_LOAD_OBJECTS=2000 npx jest test/intelligence/load` runs the full size.
 */
const OBJECTS = Number(process.env.LOGFED_LOAD_OBJECTS ?? 250);
const BURST = 50;
const INVOCATIONS = 4;

let moto: MotoServer;
let t: Topology;
const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'logfed-load-'));

beforeAll(async () => {
  moto = await startMoto();
  // Messages stay hidden while one invocation handles them, as with the function's visibility timeout.
  t = await createTopology(moto.endpoint, { visibilityTimeout: 120 });
  await drain(t.sqs, t.queueUrl); // the subscription's S3 test event
});

afterAll(async () => {
  await moto?.stop();
  fs.rmSync(folder, { recursive: true, force: true });
});

async function listAll(bucket: string, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await t.s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((item) => item.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys;
}

/** One simulated invocation loop: batches of ten until the uploads are done and the queue stays empty. */
async function invocations(uploaded: () => boolean): Promise<number> {
  const quiet = new Logger({ serviceName: 'log-intelligence', logLevel: 'ERROR' });
  const handler = createHandler({
    options: {
      output: `s3://${t.intelligenceBucket}`,
      minSeverity: 'medium',
      alerts: new SnsAlertPublisher(t.alertsTopicArn),
      ledger: new S3AlertLedger(`s3://${t.intelligenceBucket}`, t.s3),
    },
    logger: quiet,
    metrics: new Metrics({ namespace: 'logfed', serviceName: 'log-intelligence' }),
  });
  let handled = 0;
  for (;;) {
    const batch = await receive(t.sqs, t.queueUrl, 10);
    if (batch.length === 0) {
      if (uploaded()) return handled;
      await new Promise((resolve) => setTimeout(resolve, 50));
      continue;
    }
    const response = await handler(sqsEventOf(batch, 'arn:queue'));
    const failed = new Set((response?.batchItemFailures ?? []).map((f) => f.itemIdentifier));
    await deleteMessages(
      t.sqs,
      t.queueUrl,
      batch.filter((m) => !failed.has(m.MessageId!)),
    );
    handled += batch.length - failed.size;
  }
}

it(`handles ${OBJECTS} notified objects in bursts, in batches of 10 on 4 invocations: one summary each, no dead letters, same totals as analyze`, async () => {
  const generated = await generate({
    // Few events per object: the test is about delivery, and each service of an object is one more PUT to moto.
    events: 2 * OBJECTS,
    files: OBJECTS,
    out: folder,
    inject: techniquesNamed(['aws.credential-access.ec2-get-password-data', 'aws.defense-evasion.cloudtrail-stop']),
  });
  const keys = generated.files.map((file) => path.relative(folder, file).split(path.sep).join('/'));

  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let done = false;
  const workers = Array.from({ length: INVOCATIONS }, () => invocations(() => done));
  const etags = new Map<string, string>();
  for (let i = 0; i < keys.length; i += BURST) {
    await Promise.all(
      keys.slice(i, i + BURST).map(async (key) => {
        const body = fs.readFileSync(path.join(folder, key));
        const put = await t.s3.send(new PutObjectCommand({ Bucket: t.logBucket, Key: key, Body: body }));
        etags.set(key, put.ETag!.replace(/"/g, ''));
      }),
    );
  }
  done = true;
  const handled = (await Promise.all(workers)).reduce((a, b) => a + b, 0);
  jest.restoreAllMocks();

  // At least once: a message may come twice, and must still leave one summary.
  expect(handled).toBeGreaterThanOrEqual(OBJECTS);
  expect(await drain(t.sqs, t.deadLetterUrl)).toEqual([]);

  const summaryKeys = await listAll(t.intelligenceBucket, 'summaries/');
  const ids = summaryKeys.map((key) => path.posix.basename(key, '.json')).sort();
  const expected = keys.map((key) => objectId({ bucket: t.logBucket, key, etag: etags.get(key) })).sort();
  expect(ids).toEqual(expected);

  const store = storeFor(`s3://${t.intelligenceBucket}/`);
  const summaries: Summary[] = [];
  for (const key of summaryKeys) {
    summaries.push(JSON.parse((await store.readAll(`s3://${t.intelligenceBucket}/${key}`)).toString()) as Summary);
  }
  const merged = mergeSummaries(...summaries);
  const direct = await analyze([`s3://${t.logBucket}/`], { workers: 1 });
  expect(merged).toEqual(direct);
  expect(merged.events).toBe(generated.events);
}, 600_000);
