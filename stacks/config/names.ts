import type { EnvironmentConfig } from './types';

/** The buckets of the log archive, one per kind of data or log, each a `SecureBucket`. */
export const ARCHIVE_BUCKETS = [
  'landing',
  'chunks',
  'exceptions',
  'artifacts',
  'trail-management',
  'trail-s3-data',
  'trail-lambda-data',
  'emr-logs',
  'pipeline-logs',
  'access-logs',
  'intelligence',
] as const;

export type ArchiveBucket = (typeof ARCHIVE_BUCKETS)[number];

/**
 * The archive bucket every other one delivers its S3 server access logs into. S3 refuses Object Lock and SSE-KMS
 * on such a target, so its bucket policy keeps the logs instead (docs/decisions/aws-log-delivery-constraints.md).
 */
export const ACCESS_LOG_BUCKET: ArchiveBucket = 'access-logs';

/**
 * The archive buckets that hold logs: each announces new objects on the `log-events` topic, and the
 * log-intelligence function reads them. `exceptions` holds the Redshift load errors that admins are mailed.
 */
export const LOG_BUCKETS: readonly ArchiveBucket[] = ARCHIVE_BUCKETS.filter(
  // Data (landing, chunks, artifacts), derived output (intelligence) and access logs, which would announce their own delivery.
  (bucket) => !['landing', 'chunks', 'artifacts', ACCESS_LOG_BUCKET, 'intelligence'].includes(bucket),
);

/** The stacks every environment has, in apply order. */
export const STACK_NAMES = ['bootstrap', 'log-archive', 'intelligence', 'pipeline', 'warehouse'] as const;

export type StackName = (typeof STACK_NAMES)[number];

/** `<env>-<stack>`: the stack id, its folder under cdktf.out/stacks/ and its state key. */
export function stackId(env: EnvironmentConfig, stack: StackName): string {
  return `${env.name}-${stack}`;
}

/** `<prefix>-<env>-<suffix>`: names of roles, trails, keys and log groups. */
export function resourceName(env: EnvironmentConfig, suffix: string): string {
  return `${env.namePrefix}-${env.name}-${suffix}`;
}

/** The log-intelligence function; its execution role has the same name. */
export function intelligenceFunctionName(env: EnvironmentConfig): string {
  return resourceName(env, 'log-intelligence');
}

/** Bucket names end with the account id: bucket names are global, and forks share the same prefixes. */
export function bucketName(env: EnvironmentConfig, purpose: string): string {
  return `${resourceName(env, purpose)}-${env.accountId}`;
}

export function bucketArn(env: EnvironmentConfig, purpose: string): string {
  return `arn:aws:s3:::${bucketName(env, purpose)}`;
}

export function stateBucketName(env: EnvironmentConfig): string {
  return bucketName(env, 'tfstate');
}

/** Alias of the key that encrypts Terraform state. */
export function stateKeyAlias(env: EnvironmentConfig): string {
  return `alias/${resourceName(env, 'tfstate')}`;
}

/** The backend names the state key by its alias ARN: it must work before the key (and its id) exists. */
export function stateKeyAliasArn(env: EnvironmentConfig): string {
  return `arn:aws:kms:${env.region}:${env.accountId}:${stateKeyAlias(env)}`;
}

/** Every KMS key of the environment's account and region; statements narrow it by alias or tag. */
export function accountKeysArn(env: EnvironmentConfig): string {
  return `arn:aws:kms:${env.region}:${env.accountId}:key/*`;
}

/** Alias of the log-archive key; bootstrap roles reach it by alias because it lives in another stack. */
export function archiveKeyAlias(env: EnvironmentConfig): string {
  return `alias/${resourceName(env, 'log-archive')}`;
}

/** Alias of the intelligence key: queues, the alerts topic, the function's environment and log group. */
export function intelligenceKeyAlias(env: EnvironmentConfig): string {
  return `alias/${resourceName(env, 'intelligence')}`;
}

/** Alias of the warehouse key (cluster or namespace, its admin secret, its audit log groups). */
export function warehouseKeyAlias(env: EnvironmentConfig): string {
  return `alias/${resourceName(env, 'warehouse')}`;
}

export function trailArn(env: EnvironmentConfig, trail: string): string {
  return `arn:aws:cloudtrail:${env.region}:${env.accountId}:trail/${resourceName(env, trail)}`;
}

/** SNS topics of the intelligence stack: new log objects, and alerts for people. */
export type TopicName = 'log-events' | 'alerts';

/** Other stacks publish to these topics by ARN, before the intelligence stack exists. */
export function topicArn(env: EnvironmentConfig, topic: TopicName): string {
  return `arn:aws:sns:${env.region}:${env.accountId}:${resourceName(env, topic)}`;
}

/** The managed policy (bootstrap stack) that bounds every role the stacks create. */
export function permissionsBoundaryArn(env: EnvironmentConfig): string {
  return `arn:aws:iam::${env.accountId}:policy/${resourceName(env, 'permissions-boundary')}`;
}

/** The admin role named in the configuration that alone may change what guards the archive. */
export function breakGlassRoleArn(env: EnvironmentConfig): string {
  return `arn:aws:iam::${env.accountId}:role/${env.breakGlassRoleName}`;
}

/** Buckets whose logs are evidence under Object Lock, which keeps every version for the configured minimum. */
export const LOCKED_BUCKETS: readonly ArchiveBucket[] = ['trail-management', 'trail-s3-data', 'trail-lambda-data'];

/** Buckets whose logs are evidence and that no bounded role may erase: the locked ones and the access-log target. */
export const EVIDENCE_BUCKETS: readonly ArchiveBucket[] = [...LOCKED_BUCKETS, ACCESS_LOG_BUCKET];
