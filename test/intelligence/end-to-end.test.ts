import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { Metrics } from '@aws-lambda-powertools/metrics';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createHandler } from '../../lambdas/log-intelligence/handler';
import { S3AlertLedger, SnsAlertPublisher } from '../../src/intelligence/aws';
import type { IntelligenceOptions } from '../../src/intelligence';
import { storeFor } from '../../src/store';
import { S3Store } from '../../src/store/s3-store';
import { freePort, startMoto, type MotoServer } from '../helpers/moto';
import { createTopology, deleteMessages, drain, receive, sqsEventOf, type Topology } from './topology';

const FIXTURE = path.join(
  __dirname,
  '..',
  'fixtures',
  'stratus-red-team',
  'aws.credential-access.ec2-get-password-data.json',
);
/** A real detonation (30 GetPasswordData calls by one role in one hour, 4 AssumeRole) as a CloudTrail delivery file. */
const detonation = gzipSync(JSON.stringify({ Records: JSON.parse(fs.readFileSync(FIXTURE, 'utf8')) }));
const TRAIL_KEY =
  'AWSLogs/457448411975/CloudTrail/us-east-1/2024/07/30/457448411975_CloudTrail_us-east-1_20240730T2105Z_a b.json.gz';

let moto: MotoServer;
let t: Topology;
let stdout: string[];

/** Routes `offline-*` buckets to an S3 endpoint where nothing listens: S3 unreachable for those objects only. */
let offline: S3Store;

function options(): IntelligenceOptions {
  const output = `s3://${t.intelligenceBucket}`;
  return {
    output,
    minSeverity: 'medium',
    alerts: new SnsAlertPublisher(t.alertsTopicArn),
    ledger: new S3AlertLedger(output, t.s3),
    storeFor: (location) => (location.startsWith('s3://offline-') ? offline : storeFor(location)),
  };
}

const handler = () =>
  createHandler({ options: options(), metrics: new Metrics({ namespace: 'logfed', serviceName: 'log-intelligence' }) });

async function keys(prefix: string): Promise<string[]> {
  const listed = await t.s3.send(new ListObjectsV2Command({ Bucket: t.intelligenceBucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((item) => item.Key!).sort();
}

async function read(key: string): Promise<Buffer> {
  const response = await t.s3.send(new GetObjectCommand({ Bucket: t.intelligenceBucket, Key: key }));
  return Buffer.from(await response.Body!.transformToByteArray());
}

/** The messages S3 → SNS → SQS delivered for one new object, taken off the queue as the event source mapping would. */
async function putAndReceive(key: string, body: Buffer) {
  await t.s3.send(new PutObjectCommand({ Bucket: t.logBucket, Key: key, Body: body }));
  return drain(t.sqs, t.queueUrl);
}

beforeAll(async () => {
  moto = await startMoto();
  t = await createTopology(moto.endpoint);
  offline = new S3Store(
    new S3Client({ endpoint: `http://127.0.0.1:${await freePort()}`, forcePathStyle: true, maxAttempts: 1 }),
  );
  // The subscription's S3 test event: the function ignores it.
  const test = await drain(t.sqs, t.queueUrl);
  expect(JSON.parse(test[0].Body!)).toMatchObject({ Event: 's3:TestEvent' });
  expect(await handler()(sqsEventOf(test, 'arn:queue'))).toEqual({ batchItemFailures: [] });
});

afterAll(async () => {
  await moto?.stop();
});

beforeEach(() => {
  stdout = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
});

afterEach(() => jest.restoreAllMocks());

describe('log-intelligence function on S3 → SNS → SQS (moto)', () => {
  it('summarizes a CloudTrail object, writes its events per service and sends one grouped alert', async () => {
    const messages = await putAndReceive(TRAIL_KEY, detonation);
    expect(messages).toHaveLength(1);
    // Raw message delivery: the SQS body is the S3 event itself.
    expect(JSON.parse(messages[0].Body!).Records[0].s3.bucket.name).toBe(t.logBucket);

    const response = await handler()(sqsEventOf(messages, 'arn:queue'));
    expect(response).toEqual({ batchItemFailures: [] });

    const summaries = await keys('summaries/');
    expect(summaries).toEqual([expect.stringMatching(/^summaries\/dt=2024-07-30\/hour=21\/[0-9a-f]{32}\.json$/)]);
    const summary = JSON.parse((await read(summaries[0])).toString());
    expect(summary).toMatchObject({
      objects: 1,
      events: 34,
      skipped: [],
      byEventName: { GetPasswordData: 30, AssumeRole: 4 },
    });
    expect(summary.findings.filter((f: { ruleId: string }) => f.ruleId === 'ec2-password-data-retrieved')).toHaveLength(
      30,
    );

    const federated = await keys('federated/');
    expect(federated.map((key) => key.replace(/[0-9a-f]{32}/, 'ID'))).toEqual([
      'federated/service=ec2/dt=2024-07-30/ID.ndjson.gz',
      'federated/service=sts/dt=2024-07-30/ID.ndjson.gz',
    ]);
    const ec2 = gunzipSync(await read(federated[0]))
      .toString()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(ec2).toHaveLength(30);
    expect(new Set(ec2.map((e) => e.eventName))).toEqual(new Set(['GetPasswordData']));

    const alerts = await drain(t.sqs, t.alertsInboxUrl);
    expect(alerts).toHaveLength(1);
    expect(alerts[0].Body).toContain('rule: ec2-password-data-retrieved');
    expect(alerts[0].Body).toContain('count: 30');
    // Subscriptions filter on the severity attribute.
    expect(alerts[0].MessageAttributes?.severity).toMatchObject({ DataType: 'String', StringValue: 'medium' });
    expect(alerts[0].Body).toMatch(/principal: arn:aws:sts::457448411975:assumed-role\/stratus-red-team/);

    const emf = stdout.map((line) => JSON.parse(line)).filter((line) => line._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      Objects: 1,
      Events: 34,
      SkippedObjects: 0,
      AlertsSent: 1,
      Findings_medium: 30,
      Findings_low: 32,
      FailedRecords: 0,
    });
    expect(emf[0]._aws.CloudWatchMetrics[0].Namespace).toBe('logfed');
    const logs = stdout.map((line) => JSON.parse(line)).filter((line) => line.message === 'log object handled');
    expect(logs[0]).toMatchObject({ level: 'INFO', object: `s3://${t.logBucket}/${TRAIL_KEY}`, events: 34 });
  });

  it('leaves one summary and one alert when the same notification is delivered again', async () => {
    const before = { summaries: await keys('summaries/'), federated: await keys('federated/') };
    const messages = await putAndReceive(TRAIL_KEY, detonation);
    const again = sqsEventOf([...messages, ...messages], 'arn:queue');
    again.Records[1] = { ...again.Records[1], messageId: 'redelivered' };
    expect(await handler()(again)).toEqual({ batchItemFailures: [] });
    expect(await keys('summaries/')).toEqual(before.summaries);
    expect(await keys('federated/')).toEqual(before.federated);
    expect(await drain(t.sqs, t.alertsInboxUrl)).toEqual([]);
    const logs = stdout.map((line) => JSON.parse(line)).filter((line) => line.message === 'log object handled');
    expect(logs.map((l) => l.alertsAlreadySent)).toEqual([1, 1]);
  });

  it('reports a truncated gzip as a skipped object and does not retry it', async () => {
    const key = 'AWSLogs/457448411975/CloudTrail/us-east-1/2024/07/31/truncated.json.gz';
    const messages = await putAndReceive(key, detonation.subarray(0, detonation.length / 2));
    expect(await handler()(sqsEventOf(messages, 'arn:queue'))).toEqual({ batchItemFailures: [] });
    const summaries = await Promise.all(
      (await keys('summaries/')).map(async (k) => JSON.parse((await read(k)).toString())),
    );
    const skipped = summaries.flatMap((s) => s.skipped);
    expect(skipped).toEqual([{ object: `s3://${t.logBucket}/${key}`, reason: 'truncated gzip' }]);
    // Events before the cut are kept (and counted), as `logfed analyze` does.
    const emf = stdout.map((line) => JSON.parse(line)).find((line) => line._aws);
    expect(emf).toMatchObject({ Objects: 1, SkippedObjects: 1, Events: summaries[0].events });
  });

  it('fails only the record whose S3 is unreachable; SQS retries it and then moves it to the dead-letter queue', async () => {
    const ok = 'AWSLogs/457448411975/CloudTrail/us-east-1/2024/07/30/second.json.gz';
    await t.s3.send(new PutObjectCommand({ Bucket: t.logBucket, Key: ok, Body: detonation }));
    const unreachable = {
      Records: [
        { eventSource: 'aws:s3', s3: { bucket: { name: 'offline-logs' }, object: { key: 'a.json', eTag: 'e' } } },
      ],
    };
    await t.sqs.send(new SendMessageCommand({ QueueUrl: t.queueUrl, MessageBody: JSON.stringify(unreachable) }));

    const run = handler();
    const first = await receive(t.sqs, t.queueUrl);
    expect(first).toHaveLength(2);
    const offlineId = first.find((m) => m.Body!.includes('offline-logs'))!.MessageId!;
    const response = await run(sqsEventOf(first, 'arn:queue'));
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: offlineId }] });
    // The invocation succeeded, so Lambda's Errors misses the failed record: the function counts it itself, in the
    // namespace and dimensions the log-intelligence-failed-records alarm reads.
    const emf = stdout.map((line) => JSON.parse(line)).filter((line) => line._aws);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({ FailedRecords: 1, service: 'log-intelligence' });
    expect(emf[0]._aws.CloudWatchMetrics[0]).toMatchObject({
      Namespace: 'logfed',
      Dimensions: [['service']],
      Metrics: expect.arrayContaining([{ Name: 'FailedRecords', Unit: 'Count' }]),
    });
    const logs = stdout.map((line) => JSON.parse(line)).filter((line) => line.message === 'log object handled');
    expect(logs.map((l) => l.object)).toEqual([`s3://${t.logBucket}/${ok}`]);

    // The event source mapping deletes what succeeded; the failed message comes back until maxReceiveCount.
    await deleteMessages(
      t.sqs,
      t.queueUrl,
      first.filter((m) => m.MessageId !== offlineId),
    );
    for (let attempt = 0; attempt < 5; attempt++) {
      const batch = await receive(t.sqs, t.queueUrl);
      if (batch.length === 0) break;
      expect((await run(sqsEventOf(batch, 'arn:queue')))?.batchItemFailures).toHaveLength(1);
    }
    const dead = await drain(t.sqs, t.deadLetterUrl);
    expect(dead.map((m) => m.MessageId)).toEqual([offlineId]);
  });

  it('reads a bare S3 event and an SNS-wrapped one the same way', async () => {
    const key = 'AWSLogs/457448411975/CloudTrail/us-east-1/2024/07/30/direct.json.gz';
    const [message] = await putAndReceive(key, detonation);
    const s3Event = JSON.parse(message.Body!);
    await handler()(s3Event);
    const sns = { Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'm1', Message: message.Body! } }] };
    await handler()(sns);
    const logs = stdout.map((line) => JSON.parse(line)).filter((line) => line.message === 'log object handled');
    expect(logs.map((l) => [l.object, l.events])).toEqual([
      [`s3://${t.logBucket}/${key}`, 34],
      [`s3://${t.logBucket}/${key}`, 34],
    ]);
  });
});
