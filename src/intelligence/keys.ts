import { createHash } from 'node:crypto';
import { summaryKey } from '../digest/summary-keys';
import { SPILL_PREFIX } from '../forward/types';
import { joinLocation } from '../store/uri';
import type { LogObjectRef } from './types';

/**
 * Where the function writes, under the intelligence bucket (or a local folder): summaries for the digest,
 * federated events per service for Athena, the ledger of alerts sent, and events the forwarders could not
 * deliver (for `logfed replay`). Every key derives from the source
 * object's bucket, key and version (or ETag), so a redelivered notification overwrites instead of adding.
 */
export const OUTPUT_PREFIXES = {
  summaries: 'summaries',
  federated: 'federated',
  alertLedger: 'alerts/sent',
  undelivered: SPILL_PREFIX,
} as const;

/** 32 hex digits of SHA-256 over bucket, key and version (or ETag): the id of one version of one object. */
export function objectId(object: LogObjectRef): string {
  return hashOf(object.bucket, object.key, object.versionId ?? object.etag ?? '');
}

export function hashOf(...parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);
}

export function summaryLocation(output: string, hour: Date, id: string): string {
  return joinLocation(output, `${OUTPUT_PREFIXES.summaries}/${summaryKey(hour, id)}`);
}

export function federatedLocation(output: string, service: string, day: string, id: string): string {
  return joinLocation(output, `${OUTPUT_PREFIXES.federated}/service=${service}/dt=${day}/${id}.ndjson.gz`);
}

export function alertLedgerLocation(output: string, groupId: string): string {
  return joinLocation(output, `${OUTPUT_PREFIXES.alertLedger}/${groupId}`);
}

/**
 * The short name of an event source for a partition key: `ec2.amazonaws.com` → `ec2`. Values come from logs,
 * so anything but lowercase letters, digits, dots and dashes becomes `_`.
 */
export function serviceOf(eventSource: unknown): string {
  if (typeof eventSource !== 'string' || eventSource === '') return 'unknown';
  const short = eventSource.toLowerCase().replace(/\.amazonaws\.com$/, '');
  return short.replace(/[^a-z0-9.-]/g, '_').slice(0, 64) || 'unknown';
}

const DAY = /^\d{4}-\d\d-\d\d/;

/** `YYYY-MM-DD` of an event time, or `fallback` when the event has none. */
export function dayOf(eventTime: unknown, fallback: string): string {
  return typeof eventTime === 'string' && DAY.test(eventTime) ? eventTime.slice(0, 10) : fallback;
}

/** The hour a summary is filed under: its first event's, or the analysis time's when no event had a time. */
export function summaryHour(firstEventTime: string | undefined, now: Date): Date {
  const time = firstEventTime ? new Date(firstEventTime) : now;
  const hour = Number.isNaN(time.getTime()) ? now : time;
  return new Date(Math.floor(hour.getTime() / 3_600_000) * 3_600_000);
}
