import { DeleteObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { parseS3Uri } from '../store/uri';
import { alertMessage, alertSubject } from './alert-groups';
import { alertLedgerLocation } from './keys';
import type { AlertGroup, AlertLedger, AlertPublisher } from './types';

/** Publishes grouped alerts to an SNS topic, with `severity` and `ruleId` attributes for subscription filters. */
export class SnsAlertPublisher implements AlertPublisher {
  constructor(
    private readonly topicArn: string,
    private readonly client: SNSClient = new SNSClient({}),
  ) {}

  async publish(group: AlertGroup): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: alertSubject(group),
        Message: alertMessage(group),
        MessageAttributes: {
          severity: { DataType: 'String', StringValue: group.severity },
          ruleId: { DataType: 'String', StringValue: group.ruleId },
        },
      }),
    );
  }
}

/**
 * The alert ledger as marker objects `alerts/sent/<group id>` in the intelligence bucket. A claim is a
 * create-only PUT (`If-None-Match: *`): S3 lets exactly one of two concurrent claims succeed.
 */
export class S3AlertLedger implements AlertLedger {
  constructor(
    private readonly output: string,
    private readonly client: S3Client,
  ) {}

  async claim(id: string): Promise<boolean> {
    const { bucket, key } = parseS3Uri(alertLedgerLocation(this.output, id));
    try {
      await this.client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: new Date().toISOString(), IfNoneMatch: '*' }),
      );
      return true;
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
      // 412: the marker exists; 409: another claim of the same id is in flight.
      if (status === 412 || status === 409) return false;
      throw error;
    }
  }

  async release(id: string): Promise<void> {
    const { bucket, key } = parseS3Uri(alertLedgerLocation(this.output, id));
    await this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }
}
