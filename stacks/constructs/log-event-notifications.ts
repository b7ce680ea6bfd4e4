import { Construct } from 'constructs';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import type { SecureBucket } from './secure-bucket';

export interface LogEventNotificationsProps {
  /** Name of the topic that announces new log objects. */
  readonly topicName: string;
  /** Account of the buckets; S3 may publish only on behalf of this account. */
  readonly accountId: string;
  /** Key that encrypts the topic; its policy must let S3 and SNS use it. */
  readonly encryptionKey: KmsKey;
  /** Every bucket of the archive: each sends its events to EventBridge. */
  readonly buckets: readonly SecureBucket[];
  /** The buckets whose new objects are also published to the topic. */
  readonly logBuckets: readonly SecureBucket[];
}

/**
 * The `log-events` topic and the one notification configuration S3 allows per bucket: every bucket sends its
 * events to EventBridge (the pipeline starts on objects created in `landing`), and log buckets also publish
 * `s3:ObjectCreated:*` to the topic, which admits S3 only for those buckets and this account. They live beside
 * the buckets because S3 checks a notification's destination when the configuration is applied.
 */
export class LogEventNotifications extends Construct {
  readonly topic: SnsTopic;

  constructor(scope: Construct, id: string, props: LogEventNotificationsProps) {
    super(scope, id);
    this.topic = new SnsTopic(this, 'topic', { name: props.topicName, kmsMasterKeyId: props.encryptionKey.arn });
    const policy = new DataAwsIamPolicyDocument(this, 'topic-policy-document', {
      statement: [
        {
          sid: 'LogBucketsPublishNewObjects',
          principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
          actions: ['sns:Publish'],
          resources: [this.topic.arn],
          condition: [
            { test: 'ArnEquals', variable: 'aws:SourceArn', values: props.logBuckets.map((bucket) => bucket.arn) },
            { test: 'StringEquals', variable: 'aws:SourceAccount', values: [props.accountId] },
          ],
        },
      ],
    });
    const topicPolicy = new SnsTopicPolicy(this, 'topic-policy', { arn: this.topic.arn, policy: policy.json });

    const logBuckets = new Set(props.logBuckets);
    for (const bucket of props.buckets) {
      new S3BucketNotification(this, bucket.node.id, {
        bucket: bucket.bucket.id,
        eventbridge: true,
        ...(logBuckets.has(bucket) && {
          topic: [{ topicArn: this.topic.arn, events: ['s3:ObjectCreated:*'] }],
          dependsOn: [topicPolicy],
        }),
      });
    }
  }
}
