import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { getString } from '../events/fields';
import type { LogEvent } from '../rules/types';
import { isS3Uri, parseS3Uri } from '../store/uri';

/** The event's time (`eventTime`) in epoch milliseconds, or undefined when it has none that parses. */
export function eventTimeMs(event: LogEvent): number | undefined {
  const time = Date.parse(getString(event, 'eventTime'));
  return Number.isNaN(time) ? undefined : time;
}

/** Longest `eventID` used as a document id as is (OpenSearch allows 512 bytes). */
const MAX_ID_BYTES = 200;

/**
 * A stable id for an event: its `eventID` when it has a usable one, else a hash of the record, so sending the
 * same record again (a retry, a replay, a redelivered notification) names the same document.
 */
export function stableEventId(event: LogEvent): string {
  const id = event.eventID;
  if (typeof id === 'string' && id !== '' && Buffer.byteLength(id) <= MAX_ID_BYTES) return id;
  return `sha256-${createHash('sha256').update(JSON.stringify(event)).digest('hex')}`;
}

const localHost = hostname();

/** Where an event was collected: the bucket of an S3 object, else this machine. */
export function hostOf(source: string): string {
  return isS3Uri(source) ? parseS3Uri(source).bucket : localHost;
}
