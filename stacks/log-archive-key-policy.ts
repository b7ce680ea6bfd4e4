import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { EnvironmentConfig } from './config/types';

/**
 * What the log-archive key lets AWS services do, each only for this account's resources: CloudTrail encrypts
 * the log files of the given trails, S3 and SNS encrypt notifications and server access logs, CloudWatch Logs
 * encrypts the account's log groups.
 */
export function logArchiveKeyStatements(
  env: EnvironmentConfig,
  trailArns: readonly string[],
): DataAwsIamPolicyDocumentStatement[] {
  const service = (name: string) => [{ type: 'Service', identifiers: [name] }];
  const fromAccount = { test: 'StringEquals', variable: 'aws:SourceAccount', values: [env.accountId] };
  return [
    {
      sid: 'CloudTrailEncryptsLogFiles',
      principals: service('cloudtrail.amazonaws.com'),
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      condition: [
        { test: 'StringEquals', variable: 'aws:SourceArn', values: [...trailArns] },
        {
          test: 'StringLike',
          variable: 'kms:EncryptionContext:aws:cloudtrail:arn',
          values: [`arn:aws:cloudtrail:*:${env.accountId}:trail/*`],
        },
      ],
    },
    {
      sid: 'CloudTrailDescribesKey',
      principals: service('cloudtrail.amazonaws.com'),
      actions: ['kms:DescribeKey'],
      resources: ['*'],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceArn', values: [...trailArns] }],
    },
    {
      sid: 'S3AndSnsEncryptDeliveries',
      principals: [
        { type: 'Service', identifiers: ['s3.amazonaws.com', 'logging.s3.amazonaws.com', 'sns.amazonaws.com'] },
      ],
      actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
      resources: ['*'],
      condition: [fromAccount],
    },
    {
      sid: 'CloudWatchLogsEncryptsLogGroups',
      principals: service(`logs.${env.region}.amazonaws.com`),
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      // CloudWatch Logs names the log group in the encryption context (it sends no aws:SourceArn to KMS).
      condition: [
        {
          test: 'ArnLike',
          variable: 'kms:EncryptionContext:aws:logs:arn',
          values: [`arn:aws:logs:${env.region}:${env.accountId}:log-group:*`],
        },
      ],
    },
  ];
}
