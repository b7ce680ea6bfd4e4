import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { bucketArn, resourceName } from './config/names';
import type { EnvironmentConfig } from './config/types';
import { describeStatement } from './bootstrap-apply-policy';

/**
 * Calls that return data rather than configuration: logs, messages, parameters, secrets, query results. The
 * plan role runs code of any pull-request branch, so it is denied all of them outright, whatever else allows.
 */
const DATA_PLANE_READS = [
  'ssm:GetParameter*',
  'secretsmanager:GetSecretValue',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:StartQuery',
  'logs:GetQueryResults',
  'logs:StartLiveTail',
  'sqs:ReceiveMessage',
  'lambda:InvokeFunction',
  'athena:GetQueryResults',
  'redshift-data:GetStatementResult',
  'redshift:GetClusterCredentials',
  'redshift:GetClusterCredentialsWithIAM',
  'redshift-serverless:GetCredentials',
  'ec2:GetPasswordData',
  'ec2:GetConsoleOutput',
  'kinesis:GetRecords',
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:Scan',
];

/**
 * Permissions of the plan role beyond decrypting state: read the state (no lock: pull requests plan with
 * -lock=false), the configuration of what the stacks manage, and nothing that holds data. Object reads outside
 * the state and the pipeline artifacts (scripts the pipeline stack uploads) are denied.
 */
export function planStatements(env: EnvironmentConfig, stateBucket: string): DataAwsIamPolicyDocumentStatement[] {
  const ourBuckets = `arn:aws:s3:::${resourceName(env, '')}*`;
  return [
    { sid: 'ListState', actions: ['s3:ListBucket'], resources: [stateBucket] },
    { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${stateBucket}/*`] },
    describeStatement(env, ['iam:Get*', 'iam:List*', 's3:GetAccountPublicAccessBlock']),
    {
      sid: 'ReadBucketSettings',
      actions: [
        's3:GetBucket*',
        's3:GetEncryptionConfiguration',
        's3:GetLifecycleConfiguration',
        's3:GetAccelerateConfiguration',
        's3:GetReplicationConfiguration',
      ],
      resources: [ourBuckets],
      condition: [{ test: 'StringEquals', variable: 'aws:ResourceAccount', values: [env.accountId] }],
    },
    {
      sid: 'ReadArtifactObjects',
      actions: ['s3:GetObject', 's3:GetObjectTagging'],
      resources: [`${bucketArn(env, 'artifacts')}/*`],
    },
    {
      sid: 'NoObjectReadsOutsideStateAndArtifacts',
      effect: 'Deny',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      notResources: [`${stateBucket}/*`, `${bucketArn(env, 'artifacts')}/*`],
    },
    { sid: 'NoDataPlaneReads', effect: 'Deny', actions: DATA_PLANE_READS, resources: ['*'] },
  ];
}
