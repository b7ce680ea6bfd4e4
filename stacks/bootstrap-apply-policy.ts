import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { bucketArn, resourceName, stateBucketName, stateKeyAlias } from './config/names';
import type { EnvironmentConfig } from './config/types';

/** Services whose resources carry our name prefix in their ARN, so the apply role can be scoped to them. */
const NAMED_SERVICES = [
  'cloudtrail',
  'logs',
  'sns',
  'sqs',
  'lambda',
  'states',
  'events',
  'cloudwatch',
  'secretsmanager',
  'athena',
  'glue',
];

/** Services whose resources get generated ids (keys, VPC parts, clusters, pipelines): scoped by region instead. */
const GENERATED_ID_ACTIONS = [
  'kms:CreateKey',
  'kms:ListAliases',
  'kms:ListKeys',
  'ec2:*',
  'elasticmapreduce:*',
  'redshift:*',
  'datapipeline:*',
];

const ROLE_ACTIONS = [
  'iam:CreateRole',
  'iam:DeleteRole',
  'iam:GetRole',
  'iam:UpdateRole',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:PutRolePolicy',
  'iam:GetRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:ListRolePolicies',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:CreateInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:GetInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
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

/** What the bootstrap stack owns; the apply role may never change it (an admin does, with their own credentials). */
const PROTECTED_BUCKET_ACTIONS = [
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

/**
 * Permissions of the apply role beyond state: full control of resources named `<prefix>-<env>-*` in the
 * services the stacks manage, region-bound creation where AWS generates the ids, passing our roles only to
 * our services, and an explicit deny on changing anything the bootstrap stack owns (reading it stays allowed,
 * so the apply workflow can plan the bootstrap stack and finds it unchanged).
 */
export function applyStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  const { region, accountId } = env;
  const prefix = resourceName(env, '');
  const inRegion = { test: 'StringEquals', variable: 'aws:RequestedRegion', values: [region] };
  return [
    {
      sid: 'ManageOurBuckets',
      actions: ['s3:*'],
      resources: [`arn:aws:s3:::${prefix}*`, `arn:aws:s3:::${prefix}*/*`],
    },
    {
      sid: 'ManageOurNamedResources',
      actions: NAMED_SERVICES.map((service) => `${service}:*`),
      resources: NAMED_SERVICES.map((service) => `arn:aws:${service}:${region}:${accountId}:*${prefix}*`),
    },
    {
      sid: 'ManageOurKeys',
      actions: ['kms:*'],
      resources: [`arn:aws:kms:${region}:${accountId}:key/*`, `arn:aws:kms:${region}:${accountId}:alias/${prefix}*`],
      condition: [{ test: 'StringEquals', variable: 'aws:ResourceTag/ManagedBy', values: ['logfed'] }],
    },
    {
      sid: 'ManageOurRoles',
      actions: ROLE_ACTIONS,
      resources: [`arn:aws:iam::${accountId}:role/${prefix}*`, `arn:aws:iam::${accountId}:instance-profile/${prefix}*`],
    },
    {
      sid: 'PassOurRolesToOurServices',
      actions: ['iam:PassRole'],
      resources: [`arn:aws:iam::${accountId}:role/${prefix}*`],
      condition: [
        {
          test: 'StringEquals',
          variable: 'iam:PassedToService',
          values: [
            'cloudtrail.amazonaws.com',
            'lambda.amazonaws.com',
            'states.amazonaws.com',
            'elasticmapreduce.amazonaws.com',
            'ec2.amazonaws.com',
            'redshift.amazonaws.com',
            'datapipeline.amazonaws.com',
          ],
        },
      ],
    },
    {
      sid: 'ReadGithubOidcProvider',
      actions: ['iam:GetOpenIDConnectProvider'],
      resources: [`arn:aws:iam::${accountId}:oidc-provider/token.actions.githubusercontent.com`],
    },
    { sid: 'CreateResourcesWithGeneratedIds', actions: GENERATED_ID_ACTIONS, resources: ['*'], condition: [inRegion] },
    {
      sid: 'NeverTouchBootstrapBuckets',
      effect: 'Deny',
      actions: PROTECTED_BUCKET_ACTIONS,
      resources: [`arn:aws:s3:::${stateBucketName(env)}`, bucketArn(env, 'state-access-logs')],
    },
    {
      sid: 'NeverChangeBootstrapIdentities',
      effect: 'Deny',
      actions: IAM_WRITE_ACTIONS,
      resources: ['plan', 'apply', 'digest']
        .map((role) => `arn:aws:iam::${accountId}:role/${resourceName(env, role)}`)
        .concat(`arn:aws:iam::${accountId}:oidc-provider/*`),
    },
    {
      sid: 'NeverTouchStateKey',
      effect: 'Deny',
      actions: ['kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:PutKeyPolicy', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      resources: [
        `arn:aws:kms:${region}:${accountId}:key/*`,
        `arn:aws:kms:${region}:${accountId}:${stateKeyAlias(env)}`,
      ],
      condition: [
        {
          test: 'ForAnyValue:StringEquals',
          variable: 'kms:ResourceAliases',
          values: [stateKeyAlias(env)],
        },
      ],
    },
  ];
}
