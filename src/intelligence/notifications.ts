import type { Delivery, LogObjectRef } from './types';

/** A message that is not an S3 notification in any envelope the function accepts; the message says why. */
export class NotificationError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'NotificationError';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null;

/**
 * The deliveries in a Lambda event: an SQS batch (each body an S3 event, raw or wrapped in an SNS envelope), an
 * SNS event, or a bare S3 event. S3 test events (`s3:TestEvent`, sent when a notification is configured) name no
 * object and give an empty delivery. Throws NotificationError for an event of none of these kinds.
 */
export function deliveriesOf(event: unknown): Delivery[] {
  const records = isObject(event) && Array.isArray(event.Records) ? (event.Records as unknown[]) : undefined;
  if (!records) {
    if (isTestEvent(event)) return [];
    throw new NotificationError('not an SQS, SNS or S3 event: no Records list');
  }
  const first = records[0];
  if (isObject(first) && first.eventSource === 'aws:sqs') {
    return records.map((record) => {
      const r = record as Json;
      return { id: String(r.messageId), objects: objectsInMessage(String(r.body ?? '')) };
    });
  }
  if (isObject(first) && first.EventSource === 'aws:sns') {
    return records.map((record, i) => ({
      id: String((record as { Sns?: Json }).Sns?.MessageId ?? i),
      objects: objectsInMessage(String((record as { Sns?: Json }).Sns?.Message ?? '')),
    }));
  }
  return [{ id: 's3-event', objects: objectsInS3Event(event) }];
}

/** The objects of one SQS body or SNS message: an S3 event, maybe inside an SNS envelope (no raw delivery). */
export function objectsInMessage(body: string): LogObjectRef[] {
  let message: unknown;
  try {
    message = JSON.parse(body);
  } catch {
    throw new NotificationError(`message body is not JSON: ${JSON.stringify(body.slice(0, 80))}`);
  }
  if (isObject(message) && message.Type === 'Notification' && typeof message.Message === 'string') {
    return objectsInMessage(message.Message);
  }
  return objectsInS3Event(message);
}

function objectsInS3Event(event: unknown): LogObjectRef[] {
  if (isTestEvent(event)) return [];
  const records = isObject(event) && Array.isArray(event.Records) ? event.Records : undefined;
  if (!records) throw new NotificationError('not an S3 event notification: no Records list');
  return records.map((record, i) => {
    const s3 = isObject(record) && isObject(record.s3) ? record.s3 : undefined;
    const bucket = isObject(s3?.bucket) ? s3.bucket.name : undefined;
    const object = isObject(s3?.object) ? s3.object : undefined;
    if (typeof bucket !== 'string' || typeof object?.key !== 'string') {
      throw new NotificationError(`S3 event record ${i} names no bucket and key`);
    }
    return {
      bucket,
      key: decodeKey(object.key),
      ...(typeof object.versionId === 'string' && object.versionId ? { versionId: object.versionId } : {}),
      ...(typeof object.eTag === 'string' && object.eTag ? { etag: object.eTag } : {}),
      ...(typeof object.size === 'number' ? { size: object.size } : {}),
    };
  });
}

function isTestEvent(event: unknown): boolean {
  return isObject(event) && event.Event === 's3:TestEvent';
}

/** S3 notifications URL-encode keys and write spaces as `+`. */
function decodeKey(key: string): string {
  try {
    return decodeURIComponent(key.replace(/\+/g, ' '));
  } catch {
    throw new NotificationError(`S3 event key is not URL-encoded text: ${JSON.stringify(key.slice(0, 80))}`);
  }
}
