import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { accountKeysArn, archiveKeyAlias, bucketArn, LOG_BUCKETS, topicArn } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { logGroupEncryption, type KeyPolicyStatement } from './constructs/encryption-key';
import { OUTPUT_PREFIXES } from '../src/intelligence/keys';

/** What a service needs of the key to publish to an encrypted topic or deliver into an encrypted queue. */
const NOTIFICATION_KEY_ACTIONS = ['kms:GenerateDataKey*', 'kms:Decrypt'];

/**
 * What the intelligence key lets AWS services do: SNS delivers `log-events` into the encrypted queue and
 * CloudWatch alarms publish to the encrypted `alerts` topic, both only for this account; EventBridge rules
 * publish to `alerts`; CloudWatch Logs encrypts the account's log groups.
 */
export function intelligenceKeyStatements(env: EnvironmentConfig): KeyPolicyStatement[] {
  return [
    {
      Sid: 'NotificationServicesUseKey',
      Effect: 'Allow',
      Principal: { Service: ['sns.amazonaws.com', 'cloudwatch.amazonaws.com'] },
      Action: NOTIFICATION_KEY_ACTIONS,
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': env.accountId } },
    },
    {
      // No source condition, on purpose: the SNS developer guide (key management, compatibility with AWS
      // services) says aws:SourceAccount, aws:SourceArn and aws:SourceOrgID in the KMS policy are not supported
      // for EventBridge-to-encrypted topics; with them every delivery fails, seen only in FailedInvocations.
      // The alerts topic's policy still admits EventBridge only from this account.
      Sid: 'EventBridgeUsesKeyForAlerts',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: NOTIFICATION_KEY_ACTIONS,
      Resource: '*',
    },
    logGroupEncryption(env.region, env.accountId),
  ];
}

export interface FunctionResources {
  readonly queueArn: string;
  readonly intelligenceKeyArn: string;
}

/**
 * The log-intelligence function's permissions, each on exact ARNs: read the log buckets, write only its own
 * prefixes of the intelligence bucket, consume its queue, publish to `alerts`, use the two keys (the archive key
 * only through S3), and read the forwarders' secrets by name.
 */
export function logIntelligenceStatements(
  env: EnvironmentConfig,
  resources: FunctionResources,
): DataAwsIamPolicyDocumentStatement[] {
  const intelligence = bucketArn(env, 'intelligence');
  const secrets = Object.values(env.forwarders)
    .filter((forwarder) => forwarder !== undefined)
    .map((forwarder) => `arn:aws:secretsmanager:${env.region}:${env.accountId}:secret:${forwarder.secretName}-??????`);
  return [
    {
      sid: 'ReadLogObjects',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: LOG_BUCKETS.map((bucket) => `${bucketArn(env, bucket)}/*`),
    },
    {
      sid: 'WriteSummariesAndFederatedEvents',
      actions: ['s3:PutObject'],
      resources: Object.values(OUTPUT_PREFIXES).map((prefix) => `${intelligence}/${prefix}/*`),
    },
    {
      sid: 'ReleaseUnsentAlertClaims',
      actions: ['s3:DeleteObject'],
      resources: [`${intelligence}/${OUTPUT_PREFIXES.alertLedger}/*`],
    },
    {
      sid: 'UseArchiveKeyThroughS3',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [accountKeysArn(env)],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${env.region}.amazonaws.com`] },
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [archiveKeyAlias(env)] },
      ],
    },
    {
      sid: 'ConsumeQueue',
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [resources.queueArn],
    },
    { sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [topicArn(env, 'alerts')] },
    {
      sid: 'UseIntelligenceKey',
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [resources.intelligenceKeyArn],
    },
    ...(secrets.length > 0
      ? [{ sid: 'ReadForwarderSecrets', actions: ['secretsmanager:GetSecretValue'], resources: secrets }]
      : []),
  ];
}
