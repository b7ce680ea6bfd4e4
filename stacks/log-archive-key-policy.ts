import type { EnvironmentConfig } from './config/types';
import { logGroupEncryption, type KeyPolicyStatement } from './constructs/encryption-key';

/**
 * What the log-archive key lets AWS services do, each only for this account's resources: CloudTrail encrypts
 * the log files of the given trails, S3 and SNS encrypt the notifications they send to encrypted topics and
 * queues, CloudWatch Logs encrypts the account's log groups. S3 server access logs are not among them: S3
 * delivers them only into SSE-S3 buckets.
 */
export function logArchiveKeyStatements(env: EnvironmentConfig, trailArns: readonly string[]): KeyPolicyStatement[] {
  const fromTrails = { 'aws:SourceArn': trailArns };
  return [
    {
      Sid: 'CloudTrailEncryptsLogFiles',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:GenerateDataKey*',
      Resource: '*',
      Condition: {
        StringEquals: fromTrails,
        StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:aws:cloudtrail:*:${env.accountId}:trail/*` },
      },
    },
    {
      Sid: 'CloudTrailDescribesKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudtrail.amazonaws.com' },
      Action: 'kms:DescribeKey',
      Resource: '*',
      Condition: { StringEquals: fromTrails },
    },
    {
      Sid: 'S3AndSnsEncryptNotifications',
      Effect: 'Allow',
      Principal: { Service: ['s3.amazonaws.com', 'sns.amazonaws.com'] },
      Action: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': env.accountId } },
    },
    logGroupEncryption(env.region, env.accountId),
  ];
}
