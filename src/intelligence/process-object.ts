import type { Readable } from 'node:stream';
import { readLogObject } from '../readers';
import { storeFor } from '../store';
import { formatS3Uri } from '../store/uri';
import { StoreError, type ObjectStore } from '../store/types';
import { SummaryBuilder } from '../summary/builder';
import type { Severity, Summary } from '../summary/types';
import { groupFindings } from './alert-groups';
import { FederatedWriter } from './federated-writer';
import { objectId, summaryHour, summaryLocation } from './keys';
import type { AlertGroup, AlertLedger, AlertPublisher, Delivery, EventSink, LogObjectRef } from './types';

/** What the function needs besides the event: where to write, whom to alert, where else events go. */
export interface IntelligenceOptions {
  /** The intelligence bucket (`s3://bucket`) or a local folder: summaries, federated events, the alert ledger. */
  readonly output: string;
  readonly alerts: AlertPublisher;
  readonly ledger: AlertLedger;
  /** Findings below this severity stay in the summaries and are not sent to people. */
  readonly minSeverity: Severity;
  /** Forwarders (Splunk, OpenSearch), each called once per object. @default none */
  readonly sinks?: readonly EventSink[];
  /** Where a notified object is read from. @default `s3://<bucket>/<key>` */
  readonly locate?: (object: LogObjectRef) => string;
  /** The store of a location. @default local folders and S3 by location */
  readonly storeFor?: (location: string) => ObjectStore;
  /** The clock, for the partition of summaries without event times. @default the system clock */
  readonly now?: () => Date;
}

/** What handling one object produced, for logs and metrics. */
export interface ObjectOutcome {
  readonly object: string;
  readonly summary: Summary;
  readonly summaryLocation: string;
  readonly federated: readonly { readonly location: string; readonly events: number }[];
  /** Alert groups sent now; groups another delivery already sent are in `alreadySent`. */
  readonly alertsSent: readonly AlertGroup[];
  readonly alreadySent: number;
  /** Whether the object as a whole could not be read (empty, unknown format, truncated gzip…). */
  readonly skipped: boolean;
}

/**
 * A failure that reading again may cure (S3 throttling, a timeout, no route to S3): the record fails and SQS
 * delivers it again. Bad content never raises it; it ends in the summary's `skipped`.
 */
export class RetryableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/** Handles every object of one delivery, in order; the first retryable failure stops it (and fails its record). */
export async function processDelivery(delivery: Delivery, options: IntelligenceOptions): Promise<ObjectOutcome[]> {
  const outcomes: ObjectOutcome[] = [];
  for (const object of delivery.objects) outcomes.push(await processLogObject(object, options));
  return outcomes;
}

/**
 * Reads one log object through the readers and rules once, and writes its summary and its federated events
 * (keys derived from bucket, key and version, so a repeat overwrites), sends its grouped alerts that no
 * delivery has sent yet, then hands the object to each event sink.
 */
export async function processLogObject(object: LogObjectRef, options: IntelligenceOptions): Promise<ObjectOutcome> {
  const location = (options.locate ?? formatS3Uri)(object);
  const storeOf = options.storeFor ?? storeFor;
  const store = storeOf(location);
  const output = storeOf(options.output);
  const now = (options.now ?? (() => new Date()))();
  const id = objectId(object);
  const summary = new SummaryBuilder(location);
  const federated = new FederatedWriter(options.output, id, now.toISOString().slice(0, 10));

  let storeFailure: StoreError | undefined;
  const open = (): Readable => {
    const stream = store.openRead(location);
    stream.on('error', (error) => {
      if (error instanceof StoreError) storeFailure = error;
    });
    return stream;
  };
  await readLogObject(location, open, {
    kind: (kind) => summary.kind(kind),
    event: (event) => {
      summary.event(event);
      federated.event(event);
    },
    skipped: (where, reason) => summary.skip(where, reason),
  });
  if (storeFailure) throw new RetryableError(storeFailure.message, { cause: storeFailure });

  const result = summary.finish();
  const written = await federated.finish(output);
  const summaryAt = summaryLocation(options.output, summaryHour(result.firstEventTime, now), id);
  await output.write(summaryAt, `${JSON.stringify(result, null, 2)}\n`, 'application/json');

  const alertsSent: AlertGroup[] = [];
  let alreadySent = 0;
  for (const group of groupFindings(result.findings, options.minSeverity, location)) {
    if (!(await options.ledger.claim(group.id))) {
      alreadySent++;
      continue;
    }
    try {
      await options.alerts.publish(group);
    } catch (error) {
      await options.ledger.release(group.id);
      throw new RetryableError(`alert ${group.id} not sent: ${(error as Error).message}`, { cause: error });
    }
    alertsSent.push(group);
  }

  for (const sink of options.sinks ?? []) await sink.forward(location);

  return {
    object: location,
    summary: result,
    summaryLocation: summaryAt,
    federated: written,
    alertsSent,
    alreadySent,
    skipped: result.skipped.some((entry) => entry.object === location),
  };
}
