import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { S3Store } from '../../src/store/s3-store';
import { storeFor } from '../../src/store';
import {
  deliveriesOf,
  FAILED_RECORDS_METRIC,
  forwardingSinks,
  objectsInMessage,
  processDelivery,
  settingsFromEnvironment,
  SPILL_MARGIN_MS,
  type Delivery,
  type IntelligenceOptions,
  type ObjectOutcome,
} from '../../src/intelligence';
import { SEVERITIES } from '../../src/summary/types';

/**
 * The log-intelligence function: SQS batches of S3 notifications (raw or SNS-wrapped), or an SNS or bare S3
 * event. Each object goes through `processDelivery` (src/intelligence); this file only wires logs, metrics and
 * partial batch failures around it.
 */
export interface HandlerParts {
  readonly options: IntelligenceOptions;
  readonly logger?: Logger;
  readonly metrics?: Metrics;
  /** Called with what each object produced, after its logs and metrics. */
  readonly onObject?: (outcome: ObjectOutcome) => void;
}

type LambdaEvent = SQSEvent | Record<string, unknown>;

export function createHandler(parts: HandlerParts) {
  const logger = parts.logger ?? new Logger({ serviceName: 'log-intelligence' });
  const metrics = parts.metrics ?? new Metrics({ namespace: 'logfed', serviceName: 'log-intelligence' });
  const processor = new BatchProcessor(EventType.SQS);

  const record = (outcome: ObjectOutcome) => {
    metrics.addMetric('Objects', MetricUnit.Count, 1);
    metrics.addMetric('Events', MetricUnit.Count, outcome.summary.events);
    metrics.addMetric('SkippedObjects', MetricUnit.Count, outcome.skipped ? 1 : 0);
    metrics.addMetric('AlertsSent', MetricUnit.Count, outcome.alertsSent.length);
    for (const severity of SEVERITIES) {
      const count = outcome.summary.findings.filter((f) => f.severity === severity).length;
      metrics.addMetric(`Findings_${severity}`, MetricUnit.Count, count);
    }
    logger.info('log object handled', {
      object: outcome.object,
      summary: outcome.summaryLocation,
      events: outcome.summary.events,
      findings: outcome.summary.findings.length,
      skipped: outcome.summary.skipped,
      federatedFiles: outcome.federated.length,
      alertsSent: outcome.alertsSent.map((group) => group.id),
      alertsAlreadySent: outcome.alreadySent,
    });
    parts.onObject?.(outcome);
  };

  const handle = async (id: string, objects: Delivery['objects']) => {
    try {
      for (const outcome of await processDelivery({ id, objects }, parts.options)) record(outcome);
    } catch (error) {
      // The record fails alone; SQS delivers it again and, after the receive limit, to the dead-letter queue.
      logger.error('log object not handled; the message will be retried', { messageId: id, error: error as Error });
      throw error;
    }
  };

  const sqsRecord = async (message: SQSRecord) => {
    logger.appendKeys({ messageId: message.messageId });
    let objects;
    try {
      objects = objectsInMessage(message.body);
    } catch (error) {
      logger.error('message is not an S3 notification; it goes to the dead-letter queue', { error: error as Error });
      throw error;
    }
    await handle(message.messageId, objects);
  };

  return async (event: LambdaEvent, context?: Context): Promise<SQSBatchResponse | void> => {
    if (context) logger.addContext(context);
    try {
      const records = (event as SQSEvent).Records;
      if (Array.isArray(records) && records[0]?.eventSource === 'aws:sqs') {
        const response = await processPartialResponse(event as SQSEvent, sqsRecord, processor, {
          ...(context && { context }),
          // One object at a time keeps memory bounded by the largest object, not by ten of them.
          processInParallel: false,
          // A batch whose records all failed still answers with the list, like any other partial failure.
          throwOnFullBatchFailure: false,
        });
        // The invocation succeeds, so Lambda's Errors does not count these: the alarm on this metric does, at once
        // rather than when the message reaches the dead-letter queue.
        metrics.addMetric(FAILED_RECORDS_METRIC, MetricUnit.Count, response.batchItemFailures.length);
        return response;
      }
      for (const delivery of deliveriesOf(event)) await handle(delivery.id, delivery.objects);
    } finally {
      metrics.publishStoredMetrics();
      logger.resetKeys();
    }
  };
}

/**
 * The options of the deployed function, from its environment variables (the intelligence stack sets them).
 * `deadline` gives the epoch milliseconds by which forwarding must stop and spill what is left.
 */
export function optionsFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  deadline: () => number = () => Infinity,
): IntelligenceOptions {
  const settings = settingsFromEnvironment(env);
  // The AWS SDK loads on the first event, not with the module: that keeps the module load (init) short.
  const { S3AlertLedger, SnsAlertPublisher } =
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('../../src/intelligence/aws') as typeof import('../../src/intelligence/aws');
  const s3 = storeFor(settings.output) as S3Store;
  return {
    output: settings.output,
    minSeverity: settings.minSeverity,
    alerts: new SnsAlertPublisher(settings.alertsTopicArn),
    ledger: new S3AlertLedger(settings.output, s3.client),
    sinks: forwardingSinks(settings.forwarders, settings.output, deadline),
  };
}

let deployed: ReturnType<typeof createHandler> | undefined;
/** When the running invocation must stop forwarding: its end, less the time to write a spill. */
let forwardUntil = Infinity;

/** The Lambda entry point; settings are read on the first event so that importing this file has no effects. */
export const handler = (event: LambdaEvent, context: Context) => {
  forwardUntil = Date.now() + context.getRemainingTimeInMillis() - SPILL_MARGIN_MS;
  deployed ??= createHandler({ options: optionsFromEnvironment(process.env, () => forwardUntil) });
  return deployed(event, context);
};
