import { deliveriesOf, NotificationError, objectsInMessage } from '../../src/intelligence/notifications';

const s3Event = (key: string, extra: Record<string, unknown> = {}) => ({
  Records: [
    {
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: 'logs' }, object: { key, size: 12, eTag: 'abc', ...extra } },
    },
  ],
});

describe('deliveriesOf', () => {
  it('reads SQS bodies that are raw S3 events or SNS envelopes, one delivery per message', () => {
    const sqs = {
      Records: [
        { eventSource: 'aws:sqs', messageId: 'm1', body: JSON.stringify(s3Event('a/b.json')) },
        {
          eventSource: 'aws:sqs',
          messageId: 'm2',
          body: JSON.stringify({
            Type: 'Notification',
            Message: JSON.stringify(s3Event('c.json', { versionId: 'v1' })),
          }),
        },
      ],
    };
    expect(deliveriesOf(sqs)).toEqual([
      { id: 'm1', objects: [{ bucket: 'logs', key: 'a/b.json', etag: 'abc', size: 12 }] },
      { id: 'm2', objects: [{ bucket: 'logs', key: 'c.json', versionId: 'v1', etag: 'abc', size: 12 }] },
    ]);
  });

  it('reads SNS events and bare S3 events', () => {
    const sns = {
      Records: [{ EventSource: 'aws:sns', Sns: { MessageId: 'n1', Message: JSON.stringify(s3Event('k')) } }],
    };
    expect(deliveriesOf(sns)).toEqual([{ id: 'n1', objects: [expect.objectContaining({ key: 'k' })] }]);
    expect(deliveriesOf(s3Event('k'))).toEqual([{ id: 's3-event', objects: [expect.objectContaining({ key: 'k' })] }]);
  });

  it('decodes keys as S3 encodes them: percent escapes, and + for a space', () => {
    expect(objectsInMessage(JSON.stringify(s3Event('dt%3D2026/a+b%2Bc.json')))[0].key).toBe('dt=2026/a b+c.json');
  });

  it('ignores S3 test events, bare or inside a queue message', () => {
    const test = { Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: 'logs' };
    expect(deliveriesOf(test)).toEqual([]);
    expect(objectsInMessage(JSON.stringify(test))).toEqual([]);
  });

  it('rejects what is not a notification with the reason', () => {
    expect(() => objectsInMessage('not json')).toThrow(new NotificationError('message body is not JSON: "not json"'));
    expect(() => objectsInMessage('{"Records":[{"s3":{}}]}')).toThrow('S3 event record 0 names no bucket and key');
    expect(() => deliveriesOf({ detail: {} })).toThrow('not an SQS, SNS or S3 event: no Records list');
    expect(() => objectsInMessage(JSON.stringify(s3Event('%E0%A4%A')))).toThrow('S3 event key is not URL-encoded text');
  });
});
