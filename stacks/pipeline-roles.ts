import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  accountKeysArn,
  archiveKeyAlias,
  bucketArn,
  intelligenceKeyAlias,
  resourceName,
  topicArn,
  warehouseKeyAlias,
  type ArchiveBucket,
} from './config/names';
import type { EnvironmentConfig } from './config/types';
import { CREATES_OURS, TAGGED_OURS } from './managed-by';
import type { PipelineModel } from '../pipeline-definitions/model';
import {
  BUCKET_LIST_ACTIONS,
  KEY_DECRYPT_ACTIONS,
  KEY_ENCRYPT_ACTIONS,
  OBJECT_READ_ACTIONS,
  OBJECT_WRITE_ACTIONS,
} from './constructs/bucket-actions';

/** Objects of an archive bucket under a prefix (`''` = the whole bucket). */
export function objectsArn(env: EnvironmentConfig, bucket: ArchiveBucket, prefix = ''): string {
  return `${bucketArn(env, bucket)}/${prefix}*`;
}

/** Only the key behind `alias`, which lives in another stack. */
function keyBehind(alias: string) {
  return { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [alias] };
}

/**
 * Use of a key that lives in another stack: any key of the account, but only the one behind `alias`, and only
 * through the service whose data it protects (S3 objects of the archive key, SNS messages of the intelligence key).
 */
function keyThroughService(
  env: EnvironmentConfig,
  sid: string,
  actions: string[],
  alias: string,
  service: 's3' | 'sns',
): DataAwsIamPolicyDocumentStatement {
  return {
    sid,
    actions,
    resources: [accountKeysArn(env)],
    condition: [
      { test: 'StringEquals', variable: 'kms:ViaService', values: [`${service}.${env.region}.amazonaws.com`] },
      keyBehind(alias),
    ],
  };
}

/** Reading some buckets' objects and writing others', with the archive key that encrypts them all. */
export function bucketAccess(
  env: EnvironmentConfig,
  access: { read?: readonly string[]; write?: readonly string[]; delete?: readonly string[] },
): DataAwsIamPolicyDocumentStatement[] {
  const read = access.read ?? [];
  const write = access.write ?? [];
  const remove = access.delete ?? [];
  const all = [...read, ...write, ...remove];
  const statements: DataAwsIamPolicyDocumentStatement[] = [
    { sid: 'ListBuckets', actions: BUCKET_LIST_ACTIONS, resources: [...new Set(all.map(bucketOf))] },
  ];
  if (read.length) statements.push({ sid: 'ReadObjects', actions: OBJECT_READ_ACTIONS, resources: [...read] });
  if (write.length) statements.push({ sid: 'WriteObjects', actions: OBJECT_WRITE_ACTIONS, resources: [...write] });
  if (remove.length) statements.push({ sid: 'DeleteObjects', actions: ['s3:DeleteObject'], resources: [...remove] });
  const keyActions = write.length ? KEY_ENCRYPT_ACTIONS : KEY_DECRYPT_ACTIONS;
  statements.push(keyThroughService(env, 'ArchiveKeyThroughS3', keyActions, archiveKeyAlias(env), 's3'));
  return statements;
}

/** `arn:aws:s3:::bucket/prefix*` → `arn:aws:s3:::bucket`. */
function bucketOf(objectArn: string): string {
  return objectArn.slice(0, objectArn.indexOf('/'));
}

/**
 * The SNS topic failures are published to, and the intelligence key its messages are encrypted with (the topic's
 * `kms_master_key_id`, intelligence stack): a publisher to an encrypted topic needs GenerateDataKey and Decrypt.
 */
export function publishAlerts(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  return [
    { sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [topicArn(env, 'alerts')] },
    keyThroughService(env, 'EncryptAlerts', KEY_ENCRYPT_ACTIONS, intelligenceKeyAlias(env), 'sns'),
  ];
}

/** ARN of a role the pipeline stack creates, for trust and pass-role statements elsewhere. */
export function pipelineRoleArn(env: EnvironmentConfig, suffix: string): string {
  return `arn:aws:iam::${env.accountId}:role/${resourceName(env, suffix)}`;
}

/** EMR nodes read the landing objects and the job, write (and rename: copy, then delete) chunks and push logs. */
export function emrInstanceStatements(
  env: EnvironmentConfig,
  localDiskKeyArn: string,
): DataAwsIamPolicyDocumentStatement[] {
  const chunks = objectsArn(env, 'chunks');
  return [
    ...bucketAccess(env, {
      read: [objectsArn(env, 'landing'), objectsArn(env, 'artifacts', 'emr/'), chunks],
      write: [chunks, objectsArn(env, 'emr-logs')],
      delete: [chunks],
    }),
    { sid: 'LocalDiskKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [localDiskKeyArn] },
  ];
}

/** The EMR service (beside AmazonEMRServicePolicy_v2) passes the instance role and encrypts EBS volumes. */
export function emrServiceStatements(
  env: EnvironmentConfig,
  localDiskKeyArn: string,
): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'PassInstanceRole',
      actions: ['iam:PassRole'],
      resources: [pipelineRoleArn(env, 'emr-instance')],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
    },
    {
      sid: 'EncryptVolumes',
      actions: [
        'kms:Decrypt',
        'kms:GenerateDataKeyWithoutPlaintext',
        'kms:ReEncryptFrom',
        'kms:ReEncryptTo',
        'kms:DescribeKey',
      ],
      resources: [localDiskKeyArn],
    },
    {
      sid: 'GrantVolumesTheKey',
      actions: ['kms:CreateGrant'],
      resources: [localDiskKeyArn],
      condition: [{ test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] }],
    },
  ];
}

/** Where both renderings UNLOAD a run's load errors in the exceptions bucket. */
export const LOAD_ERRORS_PREFIX = 'load_errors/';

/**
 * Redshift COPY reads the chunks and their manifests; UNLOAD writes load errors under LOAD_ERRORS_PREFIX. It
 * unloads `ENCRYPTED AUTO`, which fetches the exceptions bucket's default encryption (GetBucketEncryption, IAM
 * action s3:GetEncryptionConfiguration) to encrypt with the bucket's KMS key; without it the files fall back to SSE-S3.
 */
export function redshiftLoadStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  return [
    ...bucketAccess(env, {
      read: [objectsArn(env, 'chunks')],
      write: [objectsArn(env, 'exceptions', LOAD_ERRORS_PREFIX)],
    }),
    {
      sid: 'ReadExceptionsDefaultEncryption',
      actions: ['s3:GetEncryptionConfiguration'],
      resources: [bucketArn(env, 'exceptions')],
    },
  ];
}

/** The EMR calls of a transient cluster's life: create (tagged), add and watch steps, terminate. */
function emrClusterStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  const clusters = `arn:aws:elasticmapreduce:${env.region}:${env.accountId}:cluster/*`;
  return [
    // RunJobFlow has no resource type: the cluster does not exist yet. The request must carry our tag.
    {
      sid: 'CreateTaggedClusters',
      actions: ['elasticmapreduce:RunJobFlow'],
      resources: ['*'],
      condition: [CREATES_OURS],
    },
    {
      sid: 'RunOwnClusters',
      actions: [
        'elasticmapreduce:AddTags',
        'elasticmapreduce:DescribeCluster',
        'elasticmapreduce:AddJobFlowSteps',
        'elasticmapreduce:DescribeStep',
        'elasticmapreduce:CancelSteps',
        'elasticmapreduce:TerminateJobFlows',
        'elasticmapreduce:SetTerminationProtection',
      ],
      resources: [clusters],
      condition: [TAGGED_OURS],
    },
    // RunJobFlow passes the service role to EMR and the instance profile's role to EC2, as AWS's own
    // AmazonEMRFullAccessPolicy_v2 does (PassRoleForEMR, PassRoleForEC2).
    {
      sid: 'PassClusterServiceRole',
      actions: ['iam:PassRole'],
      resources: [pipelineRoleArn(env, 'emr-service')],
      condition: [
        { test: 'StringEquals', variable: 'iam:PassedToService', values: ['elasticmapreduce.amazonaws.com'] },
      ],
    },
    {
      sid: 'PassClusterInstanceRole',
      actions: ['iam:PassRole'],
      resources: [pipelineRoleArn(env, 'emr-instance')],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
    },
  ];
}

/**
 * The Step Functions role: the EMR cluster's life (`.sync` integrations also manage their EventBridge rules),
 * the Redshift Data API on the one warehouse, alerts, and the log delivery and X-Ray calls AWS defines on `*`.
 */
export function stateMachineStatements(
  env: EnvironmentConfig,
  model: PipelineModel,
): DataAwsIamPolicyDocumentStatement[] {
  const { identifier: warehouse, loaderUser, database } = model.redshift;
  const serverless = model.redshift.kind === 'serverless';
  const workgroups = `arn:aws:redshift-serverless:${env.region}:${env.accountId}:workgroup/*`;
  const cluster = `arn:aws:redshift:${env.region}:${env.accountId}:cluster:${warehouse}`;
  return [
    ...emrClusterStatements(env),
    {
      // createCluster(.sync) needs the EMR cleanup service-linked role, or the right to create it (Step Functions
      // guide, connect-emr); the permissions boundary allows CreateServiceLinkedRole on role/aws-service-role/*.
      sid: 'CreateEmrCleanupRole',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [
        `arn:aws:iam::${env.accountId}:role/aws-service-role/elasticmapreduce.amazonaws.com*/AWSServiceRoleForEMRCleanup*`,
      ],
      condition: [{ test: 'StringLike', variable: 'iam:AWSServiceName', values: ['elasticmapreduce.amazonaws.com'] }],
    },
    {
      sid: 'ManageSyncRules',
      actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      resources: [`arn:aws:events:${env.region}:${env.accountId}:rule/StepFunctions*EMR*`],
    },
    serverless
      ? {
          sid: 'RunStatements',
          actions: [
            'redshift-data:ExecuteStatement',
            'redshift-data:BatchExecuteStatement',
            'redshift-serverless:GetCredentials',
          ],
          resources: [workgroups],
          condition: [TAGGED_OURS],
        }
      : {
          sid: 'RunStatements',
          actions: ['redshift-data:ExecuteStatement', 'redshift-data:BatchExecuteStatement'],
          resources: [cluster],
        },
    ...(serverless
      ? []
      : [
          {
            // The loader user only: never the admin (a superuser).
            sid: 'LoaderCredentials',
            actions: ['redshift:GetClusterCredentials'],
            resources: [
              `arn:aws:redshift:${env.region}:${env.accountId}:dbuser:${warehouse}/${loaderUser}`,
              `arn:aws:redshift:${env.region}:${env.accountId}:dbname:${warehouse}/${database}`,
            ],
          },
        ]),
    ...dataApiKeyGrant(env, warehouseKeyAlias(env)),
    {
      sid: 'WatchStatements',
      actions: ['redshift-data:DescribeStatement', 'redshift-data:GetStatementResult'],
      resources: ['*'],
    },
    ...publishAlerts(env),
    {
      sid: 'DeliverExecutionLogs',
      actions: [
        'logs:CreateLogDelivery',
        'logs:GetLogDelivery',
        'logs:UpdateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:ListLogDeliveries',
        'logs:PutResourcePolicy',
        'logs:DescribeResourcePolicies',
        'logs:DescribeLogGroups',
      ],
      resources: ['*'],
    },
    {
      sid: 'Trace',
      actions: [
        'xray:PutTraceSegments',
        'xray:PutTelemetryRecords',
        'xray:GetSamplingRules',
        'xray:GetSamplingTargets',
      ],
      resources: ['*'],
    },
  ];
}

/**
 * Data API statements against a warehouse encrypted with a customer managed key make Redshift create a KMS grant on
 * the caller's behalf, with the caller's permissions: CreateGrant for AWS resources only, and DescribeKey, on the
 * warehouse key (warehouse stack, reached by alias). No `kms:ViaService`: the value Redshift Serverless sends for
 * these grants is not documented. The key policy must also delegate CreateGrant to IAM for this to take effect.
 */
function dataApiKeyGrant(env: EnvironmentConfig, warehouseKeyAlias: string): DataAwsIamPolicyDocumentStatement[] {
  return [
    {
      sid: 'LetDataApiHoldWarehouseKey',
      actions: ['kms:CreateGrant'],
      resources: [accountKeysArn(env)],
      condition: [
        keyBehind(warehouseKeyAlias),
        { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
      ],
    },
    // Apart: kms:GrantIsForAWSResource exists only on grant operations, so DescribeKey under it would never match.
    {
      sid: 'DescribeWarehouseKey',
      actions: ['kms:DescribeKey'],
      resources: [accountKeysArn(env)],
      condition: [keyBehind(warehouseKeyAlias)],
    },
  ];
}

/** The Data Pipeline role: the EMR cluster's life, the EC2 resource role, its activity logs, alerts. */
export function dataPipelineStatements(
  env: EnvironmentConfig,
  model: PipelineModel,
): DataAwsIamPolicyDocumentStatement[] {
  return [
    ...emrClusterStatements(env),
    {
      sid: 'PassResourceRole',
      actions: ['iam:PassRole'],
      resources: [`arn:aws:iam::${env.accountId}:role/${model.pipelineResourceRole}`],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ['ec2.amazonaws.com'] }],
    },
    {
      sid: 'DescribeNetwork',
      actions: ['ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups', 'ec2:DescribeVpcs'],
      resources: ['*'],
    },
    ...bucketAccess(env, { write: [objectsArn(env, 'pipeline-logs')] }),
    ...publishAlerts(env),
  ];
}

/** EventBridge starts executions of the one state machine. */
export function startExecutionStatements(stateMachineArn: string): DataAwsIamPolicyDocumentStatement[] {
  return [{ sid: 'StartLoad', actions: ['states:StartExecution'], resources: [stateMachineArn] }];
}

/** EC2 resources of Data Pipeline write their activity logs; their work runs on the EMR cluster. */
export function dataPipelineResourceStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  return bucketAccess(env, { write: [objectsArn(env, 'pipeline-logs')] });
}
