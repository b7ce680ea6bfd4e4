import { PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { Metrics } from '@aws-lambda-powertools/metrics';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHandler, optionsFromEnvironment } from '../../lambdas/log-intelligence/handler';
import { ENVIRONMENT_VARIABLES as ENV } from '../../src/intelligence';
import { listObjects } from '../../src/store';
import { startMoto, type MotoServer } from '../helpers/moto';
import { FakeSink, startFakeSink } from '../helpers/sinks';
import { idsOf, spilledRecords } from '../forward/helpers';
import { createTopology, drain, sqsEventOf, type Topology } from './topology';

/** A real detonation (Stratus Red Team, see the fixture folder's NOTICE.md) as a CloudTrail delivery file. */
const RECORDS = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '..', 'fixtures', 'stratus-red-team', 'aws.credential-access.ec2-get-password-data.json'),
    'utf8',
  ),
) as { eventID: string; errorCode?: string }[];
const KEY =
  'AWSLogs/457448411975/CloudTrail/us-east-1/2024/07/30/457448411975_CloudTrail_us-east-1_20240730T2105Z_fwd.json.gz';
const HEC_TOKEN = 'function-hec-token';

let moto: MotoServer;
let t: Topology;
let hec: FakeSink;
let bulk: FakeSink;

beforeAll(async () => {
  moto = await startMoto();
  t = await createTopology(moto.endpoint);
  await drain(t.sqs, t.queueUrl); // the subscription's S3 test event
  hec = await startFakeSink({ protocol: 'hec', credential: HEC_TOKEN });
  // A strict mapping on the OpenSearch side refuses records that carry an error.
  bulk = await startFakeSink({
    protocol: 'bulk',
    credential: 'forwarder:s3cret',
    reject: (doc) => (doc.errorCode ? 'strict mapping refuses [errorCode]' : undefined),
  });
  const sm = new SecretsManagerClient({});
  await sm.send(new CreateSecretCommand({ Name: 'logfed/test/splunk-hec', SecretString: HEC_TOKEN }));
  await sm.send(
    new CreateSecretCommand({
      Name: 'logfed/test/opensearch',
      SecretString: JSON.stringify({ username: 'forwarder', password: 's3cret' }),
    }),
  );
  sm.destroy();
});

afterAll(async () => {
  await hec?.stop();
  await bulk?.stop();
  await moto?.stop();
});

describe('the log-intelligence function forwards each object', () => {
  it('sends every event to Splunk and OpenSearch with tokens from Secrets Manager, spilling refusals to the intelligence bucket', async () => {
    const env = {
      [ENV.intelligenceBucket]: t.intelligenceBucket,
      [ENV.alertsTopicArn]: t.alertsTopicArn,
      [ENV.splunkEndpoint]: hec.endpoint,
      [ENV.splunkSecretName]: 'logfed/test/splunk-hec',
      [ENV.opensearchEndpoint]: bulk.endpoint,
      [ENV.opensearchSecretName]: 'logfed/test/opensearch',
    };
    const handler = createHandler({
      options: optionsFromEnvironment(env),
      metrics: new Metrics({ namespace: 'logfed', serviceName: 'log-intelligence' }),
    });
    await t.s3.send(
      new PutObjectCommand({ Bucket: t.logBucket, Key: KEY, Body: gzipSync(JSON.stringify({ Records: RECORDS })) }),
    );
    const messages = await drain(t.sqs, t.queueUrl);
    expect(await handler(sqsEventOf(messages, 'arn:queue'))).toEqual({ batchItemFailures: [] });

    const ids = RECORDS.map((r) => r.eventID);
    const refused = RECORDS.filter((r) => r.errorCode).map((r) => r.eventID);
    expect(refused.length).toBeGreaterThan(0);
    expect(hec.stored.sort()).toEqual([...ids].sort());
    expect(bulk.stored.sort()).toEqual(ids.filter((id) => !refused.includes(id)).sort());

    const spills = await listObjects([`s3://${t.intelligenceBucket}/undelivered/`]);
    expect(spills).toEqual([
      expect.stringMatching(new RegExp(`^s3://${t.intelligenceBucket}/undelivered/opensearch/\\d{4}/\\d{2}/\\d{2}/`)),
    ]);
    const records = await spilledRecords(spills[0]);
    expect(idsOf(records).sort()).toEqual([...refused].sort());
    for (const record of records) {
      expect(record).toMatchObject({
        sink: 'opensearch',
        source: `s3://${t.logBucket}/${KEY}`,
        kind: 'cloudtrail',
        reason: '400 mapper_parsing_exception: strict mapping refuses [errorCode]',
      });
    }

    // A redelivered notification sends the same documents again: OpenSearch already holds them.
    await handler(sqsEventOf(messages, 'arn:queue'));
    expect(bulk.stored.length).toBe(ids.length - refused.length);
  });
});
