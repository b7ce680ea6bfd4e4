import type { Severity } from '../summary/types';

/** One log object named by an S3 notification. */
export interface LogObjectRef {
  readonly bucket: string;
  /** The object key, decoded (S3 notifications URL-encode keys and write spaces as `+`). */
  readonly key: string;
  readonly versionId?: string;
  readonly etag?: string;
  readonly size?: number;
}

/** One message to handle: an SQS record, an SNS record or a whole bare S3 event, with the objects it names. */
export interface Delivery {
  /** The SQS message id (what a partial batch failure names), or a position for other event kinds. */
  readonly id: string;
  readonly objects: readonly LogObjectRef[];
}

/**
 * Where an object's events go besides the archive, such as Splunk or OpenSearch. Called once per object after
 * its summary and federated files are written, with the object's location (`s3://bucket/key`, or a local path);
 * the sink reads the events itself, so memory stays bounded. Throwing fails the object's record, which is retried.
 */
export interface EventSink {
  readonly name: string;
  forward(location: string): Promise<void>;
}

/** A grouped alert: the findings of one rule by one principal in one UTC hour of one log object. */
export interface AlertGroup {
  /** Deterministic id of rule, principal, hour and source object: the same delivery gives the same id. */
  readonly id: string;
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly principal: string;
  /** `YYYY-MM-DDTHH` (UTC) of the events. */
  readonly hour: string;
  readonly count: number;
  /** Event ids of the earliest and latest finding (by event time, then id). */
  readonly firstEventID: string;
  readonly lastEventID: string;
  readonly references: readonly string[];
  /** The object the findings came from. */
  readonly object: string;
}

/** Sends an alert to people (the `alerts` SNS topic in AWS). */
export interface AlertPublisher {
  publish(group: AlertGroup): Promise<void>;
}

/**
 * Remembers which alert groups were sent, so a redelivered notification sends nothing twice. `claim` succeeds
 * for exactly one caller per id, even when two run at once; `release` gives a claim back when sending failed.
 */
export interface AlertLedger {
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
}
