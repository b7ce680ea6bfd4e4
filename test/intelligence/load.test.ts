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
import { forEachConcurrently } from '../../src/store/concurrency';
import { mergeSummaries } from '../../src/summary/merge';
import type { Summary } from '../../src/summary/types';
import { startMoto, type MotoServer } from '../helpers/moto';
import { createTopology, deleteMessages, drain, receive, sqsEventOf, type Topology } from './topology';

/**
 * The size the issue specifies: 2,000 objects, notified in bursts, handled in batches of 10 by four concurrent
 * invocations. `LOGFED_LOAD_OBJECTS=<n>` runs another size.
 *
 * moto's SQS scans the whole queue on every message it sends and on every message it returns, so a queue that
 * holds all 2,000 notifications at once makes each of those requests thousands of steps (most of this test's time
 * when it was run that way). Bursts come as CloudTrail delivers, every few minutes rather than all at once: each
 * burst is put once the invocations have received the messages of the bursts before it, which keeps the queue at
 * most one burst and the batches in flight deep.
 */
const OBJECTS = Number(process.env.LOGFED_LOAD_OBJECTS ?? 2000);
/** Objects put at once; the next burst waits until the invocations have received every earlier message. */
const BURST = 50;
const INVOCATIONS = 4;
const BATCH = 10;
/** Reads in flight when the test reads the results back. */
const READERS = 8;

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

/** Messages received so far by all invocations (handled or not): how far behind the uploads they are. */
let received = 0;

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
    const batch = await receive(t.sqs, t.queueUrl, BATCH);
    if (batch.length === 0) {
      if (uploaded()) return handled;
      await pause(20);
      continue;
    }
    received += batch.length;
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it(`handles ${OBJECTS} notified objects in bursts of ${BURST}, in batches of ${BATCH} on ${INVOCATIONS} invocations: one summary each, no dead letters, same totals as analyze`, async () => {
  const generated = await generate({
    // One benign event per object (and the injected ones): the test is about delivery, and each service of an
    // object is one more federated file, one more PUT to moto.
    events: OBJECTS,
    files: OBJECTS,
    out: folder,
    inject: techniquesNamed(['aws.credential-access.ec2-get-password-data', 'aws.defense-evasion.cloudtrail-stop']),
  });
  const keys = generated.files.map((file) => path.relative(folder, file).split(path.sep).join('/'));

  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  let done = false;
  let failure: { error: unknown } | undefined;
  const workers = Array.from({ length: INVOCATIONS }, () =>
    invocations(() => done).catch((error: unknown) => {
      failure ??= { error };
      return 0;
    }),
  );
  const etags = new Map<string, string>();
  for (let i = 0; i < keys.length && !failure; i += BURST) {
    while (received < i && !failure) await pause(20);
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
  if (failure) throw failure.error;

  // At least once: a message may come twice, and must still leave one summary.
  expect(handled).toBeGreaterThanOrEqual(OBJECTS);
  expect(await drain(t.sqs, t.deadLetterUrl)).toEqual([]);

  const summaryKeys = await listAll(t.intelligenceBucket, 'summaries/');
  const ids = summaryKeys.map((key) => path.posix.basename(key, '.json')).sort();
  const expected = keys.map((key) => objectId({ bucket: t.logBucket, key, etag: etags.get(key) })).sort();
  expect(ids).toEqual(expected);

  // The summaries as the function wrote them, merged, against `logfed analyze` of the same objects in S3.
  const store = storeFor(`s3://${t.intelligenceBucket}/`);
  const summaries = new Map<string, Summary>();
  const read = forEachConcurrently(
    summaryKeys,
    READERS,
    async (key) => JSON.parse((await store.readAll(`s3://${t.intelligenceBucket}/${key}`)).toString()) as Summary,
    (summary, key) => summaries.set(key, summary),
  );
  const [direct] = await Promise.all([analyze([`s3://${t.logBucket}/`], { workers: 1 }), read]);
  const merged = mergeSummaries(...summaryKeys.map((key) => summaries.get(key)!));
  expect(merged).toEqual(direct);
  expect(merged.events).toBe(generated.events);
}, 600_000);
