import * as path from 'node:path';
import { Logger } from '@aws-lambda-powertools/logger';
import type { SQSEvent } from 'aws-lambda';
import { CollectingAlertPublisher, LocalAlertLedger, type ObjectOutcome } from '../../src/intelligence';
import { alertSubject } from '../../src/intelligence/alert-groups';
import { LocalStore } from '../../src/store';
import { createHandler } from './handler';

/**
 * `npm start`: the log-intelligence handler on local folders. Each top-level folder of the logs stands for a
 * bucket; every file in it is announced as S3 would (an SQS batch of raw S3 notifications, ten at a time) and
 * handled by the same code as in Lambda, writing to a local folder instead of the intelligence bucket.
 *   node dist/lambdas/log-intelligence/local.js <logs folder> <output folder>
 */
async function main(logs: string, output: string): Promise<number> {
  // The embedded metric lines are for CloudWatch; here the run prints its own short report.
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  const alerts = new CollectingAlertPublisher();
  const outcomes: ObjectOutcome[] = [];
  const handler = createHandler({
    options: {
      output,
      minSeverity: 'medium',
      alerts,
      ledger: new LocalAlertLedger(output),
      locate: (object) => path.join(logs, object.bucket, object.key),
    },
    logger: new Logger({ serviceName: 'log-intelligence', logLevel: 'WARN' }),
    onObject: (outcome) => outcomes.push(outcome),
  });

  const files = await new LocalStore().list(logs);
  let failed = 0;
  for (let i = 0; i < files.length; i += 10) {
    const batch = files.slice(i, i + 10);
    const event: SQSEvent = {
      Records: batch.map((file, n) => {
        const [bucket, ...key] = file.key.split('/');
        const notification = {
          Records: [
            {
              eventSource: 'aws:s3',
              eventName: 'ObjectCreated:Put',
              s3: {
                bucket: { name: bucket },
                object: { key: key.map(encodeURIComponent).join('/'), size: file.size, eTag: file.etag },
              },
            },
          ],
        };
        return {
          messageId: `local-${i + n}`,
          receiptHandle: '',
          body: JSON.stringify(notification),
          attributes: {} as SQSEvent['Records'][number]['attributes'],
          messageAttributes: {},
          md5OfBody: '',
          eventSource: 'aws:sqs',
          eventSourceARN: 'local',
          awsRegion: 'local',
        };
      }),
    };
    failed += (await handler(event))?.batchItemFailures.length ?? 0;
  }

  for (const outcome of outcomes) {
    const where = path.relative(logs, outcome.object);
    const skipped = outcome.skipped ? `, skipped: ${outcome.summary.skipped[0]?.reason}` : '';
    console.log(
      `${where}: ${outcome.summary.events} events, ${outcome.summary.findings.length} findings, ` +
        `${outcome.federated.length} federated files${skipped}`,
    );
  }
  console.log(`\nalerts (one per rule, principal and hour): ${alerts.sent.length}`);
  for (const group of alerts.sent) console.log(`  ${alertSubject(group)}`);
  console.log(`summaries: ${path.join(output, 'summaries')}, federated events: ${path.join(output, 'federated')}`);
  return failed === 0 ? 0 : 1;
}

const [logs, output] = process.argv.slice(2);
if (!logs || !output) {
  console.error('usage: node dist/lambdas/log-intelligence/local.js <logs folder> <output folder>');
  process.exit(2);
}
main(path.resolve(logs), path.resolve(output)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`log-intelligence: ${(error as Error).message}`);
    process.exit(1);
  },
);
