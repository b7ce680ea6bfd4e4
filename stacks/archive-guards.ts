import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  ACCESS_LOG_BUCKET,
  accountKeysArn,
  ARCHIVE_BUCKETS,
  archiveKeyAlias,
  bucketArn,
  EVIDENCE_BUCKETS,
  resourceName,
  stateBucketName,
  stateKeyAlias,
  trailArn,
} from './config/names';
import type { EnvironmentConfig } from './config/types';
import { KEY_ADMINISTRATION_ONLY } from './constructs/encryption-key';
import { resourceCovers } from './policy/rules/iam-policies';
import { redshiftAuditLogGroupPrefix } from './warehouse-audit-logs';
import { pipelineModel } from '../pipeline-definitions/model';

/** The trails of the log archive, by the suffix of their name. */
export const ARCHIVE_TRAILS = { management: 'management', s3Data: 's3-data', lambdaData: 'lambda-data' } as const;

/** Log group the management trail delivers to; the CIS alarms read it. */
export function trailLogGroupName(env: EnvironmentConfig): string {
  return `/aws/cloudtrail/${resourceName(env, ARCHIVE_TRAILS.management)}`;
}

/**
 * ARNs of the log groups that hold audit logs, and of their streams: the management trail's, and every group
 * under the warehouse's Redshift audit log prefix, in one pattern: IAM limits the size of the boundary policy.
 */
function auditLogGroupArns(env: EnvironmentConfig): string[] {
  const logGroup = (name: string) => `arn:aws:logs:${env.region}:${env.accountId}:log-group:${name}`;
  const trail = logGroup(trailLogGroupName(env));
  return [trail, `${trail}:*`, logGroup(`${redshiftAuditLogGroupPrefix(pipelineModel(env).redshift)}/*`)];
}

/**
 * The evidence buckets by ARN: the locked trail buckets in one pattern (`<prefix>-<env>-trail-*-<account>`) and
 * the access-log target by name, as IAM limits the size of the boundary policy. The pattern must cover every
 * evidence bucket and no other bucket of the stacks; synth stops if a bucket is added that breaks this.
 */
function evidenceBucketArns(env: EnvironmentConfig): string[] {
  const patterns = [bucketArn(env, 'trail-*'), bucketArn(env, ACCESS_LOG_BUCKET)];
  const buckets = [...ARCHIVE_BUCKETS, 'tfstate', 'state-access-logs'];
  const wrong = buckets.filter(
    (bucket) =>
      patterns.some((pattern) => resourceCovers(pattern, bucketArn(env, bucket))) !==
      (EVIDENCE_BUCKETS as readonly string[]).includes(bucket),
  );
  if (wrong.length > 0)
    throw new Error(`the evidence bucket patterns ${patterns.join(', ')} misjudge ${wrong.join(', ')}`);
  return patterns;
}

/** What only an admin changes: the bootstrap buckets' settings. */
const BOOTSTRAP_BUCKET_ACTIONS = [
  's3:DeleteBucket',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutBucketLogging',
];

/** Every IAM verb that changes something; reads stay allowed so plans can refresh the bootstrap stack. */
const IAM_WRITE_ACTIONS = [
  'Add',
  'Attach',
  'Create',
  'Delete',
  'Detach',
  'Put',
  'Remove',
  'Tag',
  'Untag',
  'Update',
].map((verb) => `iam:${verb}*`);

/**
 * Denies that every role carrying the permissions boundary meets, CI roles included; only an admin (the
 * break-glass role, which has no boundary) can lift them. They keep the bootstrap stack (state, keys, CI
 * identities) and the log archive (locked log versions, access logs, the keys, the trails and the audit log
 * groups) whole.
 */
export function guardStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  const { region, accountId } = env;
  const state = `arn:aws:s3:::${stateBucketName(env)}`;
  const evidenceBuckets = evidenceBucketArns(env);
  return [
    {
      sid: 'NeverTouchBootstrapBuckets',
      effect: 'Deny',
      actions: BOOTSTRAP_BUCKET_ACTIONS,
      resources: [state, bucketArn(env, 'state-access-logs')],
    },
    {
      sid: 'NeverEraseStateHistory',
      effect: 'Deny',
      actions: ['s3:DeleteObjectVersion', 's3:PutObjectRetention', 's3:BypassGovernanceRetention'],
      resources: [`${state}/*`],
    },
    {
      sid: 'NeverChangeBootstrapIdentities',
      effect: 'Deny',
      actions: IAM_WRITE_ACTIONS,
      resources: ['plan', 'apply', 'digest']
        .map((role) => `arn:aws:iam::${accountId}:role/${resourceName(env, role)}`)
        .concat(`arn:aws:iam::${accountId}:oidc-provider/*`),
    },
    { sid: 'NeverOpenTheAccount', effect: 'Deny', actions: ['s3:PutAccountPublicAccessBlock'], resources: ['*'] },
    {
      sid: 'NeverEraseArchivedLogs',
      effect: 'Deny',
      actions: [
        's3:DeleteBucket',
        's3:DeleteObjectVersion',
        's3:BypassGovernanceRetention',
        's3:PutBucketObjectLockConfiguration',
      ],
      resources: [...evidenceBuckets, ...evidenceBuckets.map((arn) => `${arn}/*`)],
    },
    {
      sid: 'NeverDisableTheKeys',
      effect: 'Deny',
      actions: KEY_ADMINISTRATION_ONLY,
      resources: [accountKeysArn(env)],
      condition: [
        {
          test: 'ForAnyValue:StringEquals',
          variable: 'kms:ResourceAliases',
          values: [stateKeyAlias(env), archiveKeyAlias(env)],
        },
      ],
    },
    {
      // Services (S3, Redshift, Lambda) create grants for their own resources; a principal may not grant itself.
      sid: 'NeverGrantKeyUse',
      effect: 'Deny',
      actions: ['kms:CreateGrant'],
      resources: [accountKeysArn(env)],
      condition: [
        {
          test: 'ForAnyValue:StringEquals',
          variable: 'kms:ResourceAliases',
          values: [stateKeyAlias(env), archiveKeyAlias(env)],
        },
        { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['false'] },
      ],
    },
    {
      sid: 'NeverDeleteKeyAliases',
      effect: 'Deny',
      actions: ['kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [stateKeyAlias(env), archiveKeyAlias(env)].map(
        (alias) => `arn:aws:kms:${region}:${accountId}:${alias}`,
      ),
    },
    {
      // Every trail of ours, by pattern as IAM limits the boundary's size: the stacks make only the archive trails.
      sid: 'NeverStopTheTrails',
      effect: 'Deny',
      actions: ['cloudtrail:StopLogging', 'cloudtrail:DeleteTrail', 'cloudtrail:UpdateTrail'],
      resources: [trailArn(env, '*')],
    },
    {
      sid: 'NeverDeleteTheAuditLogGroups',
      effect: 'Deny',
      actions: ['logs:DeleteLogGroup', 'logs:DeleteRetentionPolicy', 'logs:DisassociateKmsKey', 'logs:DeleteLogStream'],
      resources: auditLogGroupArns(env),
    },
  ];
}
