import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';

/** The intelligence path as the stacks build it, on a moto server: log bucket → SNS → SQS (+DLQ), alerts → SQS. */
export interface Topology {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly sqs: SQSClient;
  readonly logBucket: string;
  readonly intelligenceBucket: string;
  readonly alertsTopicArn: string;
  /** The function's queue (subscribed to log-events with raw delivery) and its dead-letter queue. */
  readonly queueUrl: string;
  readonly deadLetterUrl: string;
  readonly deadLetterArn: string;
  /** A queue subscribed to `alerts` (raw delivery), standing in for the admins' mailboxes. */
  readonly alertsInboxUrl: string;
}

export interface TopologyOptions {
  /** Receives before a message moves to the dead-letter queue. @default 3 */
  readonly maxReceiveCount?: number;
  /** Seconds a received message stays hidden; 0 lets a test see a failed message again at once. @default 0 */
  readonly visibilityTimeout?: number;
}

export async function createTopology(endpoint: string, options: TopologyOptions = {}): Promise<Topology> {
  const { maxReceiveCount = 3, visibilityTimeout = 0 } = options;
  const config = { endpoint, region: 'us-east-1' };
  const s3 = new S3Client({ ...config, forcePathStyle: true });
  const sns = new SNSClient(config);
  const sqs = new SQSClient(config);
  const logBucket = 'logfed-test-trail-management-123456789012';
  const intelligenceBucket = 'logfed-test-intelligence-123456789012';
  for (const bucket of [logBucket, intelligenceBucket]) await s3.send(new CreateBucketCommand({ Bucket: bucket }));

  const topic = async (name: string) => (await sns.send(new CreateTopicCommand({ Name: name }))).TopicArn!;
  const queue = async (name: string, attributes: Record<string, string> = {}) => {
    const url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl!;
    const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })))
      .Attributes!.QueueArn!;
    return { url, arn };
  };
  const logEvents = await topic('logfed-test-log-events');
  const alertsTopicArn = await topic('logfed-test-alerts');
  const deadLetter = await queue('logfed-test-log-intelligence-dlq');
  const main = await queue('logfed-test-log-intelligence', {
    VisibilityTimeout: String(visibilityTimeout),
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: deadLetter.arn, maxReceiveCount }),
  });
  const inbox = await queue('logfed-test-alerts-inbox');
  const raw = { RawMessageDelivery: 'true' };
  await sns.send(new SubscribeCommand({ TopicArn: logEvents, Protocol: 'sqs', Endpoint: main.arn, Attributes: raw }));
  await sns.send(
    new SubscribeCommand({ TopicArn: alertsTopicArn, Protocol: 'sqs', Endpoint: inbox.arn, Attributes: raw }),
  );
  await s3.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: logBucket,
      NotificationConfiguration: {
        TopicConfigurations: [{ TopicArn: logEvents, Events: ['s3:ObjectCreated:*'] }],
        EventBridgeConfiguration: {},
      },
    }),
  );
  return {
    s3,
    sns,
    sqs,
    logBucket,
    intelligenceBucket,
    alertsTopicArn,
    queueUrl: main.url,
    deadLetterUrl: deadLetter.url,
    deadLetterArn: deadLetter.arn,
    alertsInboxUrl: inbox.url,
  };
}

/** Up to ten messages, as the Lambda event source mapping receives them (not deleted). */
export async function receive(sqs: SQSClient, queueUrl: string, max = 10): Promise<Message[]> {
  const response = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: max,
      AttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return response.Messages ?? [];
}

/** Every message now in a queue, deleted as read. */
export async function drain(sqs: SQSClient, queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const batch = await receive(sqs, queueUrl);
    if (batch.length === 0) return all;
    all.push(...batch);
    await deleteMessages(sqs, queueUrl, batch);
  }
}

export async function deleteMessages(sqs: SQSClient, queueUrl: string, messages: readonly Message[]): Promise<void> {
  if (messages.length === 0) return;
  await sqs.send(
    new DeleteMessageBatchCommand({
      QueueUrl: queueUrl,
      Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })),
    }),
  );
}

/** The Lambda event for SQS messages, shaped as the event source mapping delivers it. */
export function sqsEventOf(messages: readonly Message[], queueArn: string): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body!,
      attributes: m.Attributes as never,
      messageAttributes: {},
      md5OfBody: m.MD5OfBody!,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: 'us-east-1',
    })),
  };
}
