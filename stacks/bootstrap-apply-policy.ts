import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import {
  accountKeysArn,
  archiveKeyAlias,
  bucketArn,
  permissionsBoundaryArn,
  resourceName,
  STACK_NAMES,
  stackId,
} from './config/names';
import type { EnvironmentConfig } from './config/types';
import { CREATES_OURS, TAGGED_OURS } from './managed-by';
import { ATTACHABLE_MANAGED_POLICIES, ourRoleArns } from './permissions-boundary';

/**
 * What the apply role may do to the resources the stacks create, per service, in three kinds: `create` calls
 * (allowed only when the request tags the new resource `ManagedBy=logfed`), `change` calls (update, tag,
 * delete: only on resources tagged `ManagedBy=logfed` in this account) and reads (unscoped, they change nothing).
 */
interface ServiceActions {
  readonly create: readonly string[];
  readonly change: readonly string[];
  readonly read: readonly string[];
}

const SERVICE_ACTIONS: Readonly<Record<string, ServiceActions>> = {
  kms: {
    create: ['CreateKey', 'TagResource'],
    change: [
      'EnableKeyRotation',
      'UpdateKeyDescription',
      'PutKeyPolicy',
      'TagResource',
      'UntagResource',
      'CreateAlias',
      'UpdateAlias',
      'DeleteAlias',
      'ScheduleKeyDeletion',
    ],
    read: ['Describe*', 'Get*', 'List*'],
  },
  cloudtrail: {
    create: ['CreateTrail', 'AddTags'],
    change: [
      'StartLogging',
      'UpdateTrail',
      'PutEventSelectors',
      'PutInsightSelectors',
      'AddTags',
      'RemoveTags',
      'DeleteTrail',
    ],
    read: ['Describe*', 'Get*', 'List*'],
  },
  logs: {
    create: ['CreateLogGroup', 'TagResource', 'TagLogGroup'],
    change: [
      'PutRetentionPolicy',
      'AssociateKmsKey',
      'PutMetricFilter',
      'DeleteMetricFilter',
      'TagResource',
      'UntagResource',
      'DeleteLogGroup',
    ],
    read: ['Describe*', 'ListTagsForResource', 'ListTagsLogGroup'],
  },
  sns: {
    create: ['CreateTopic', 'TagResource'],
    change: ['SetTopicAttributes', 'Subscribe', 'Unsubscribe', 'TagResource', 'UntagResource', 'DeleteTopic'],
    read: ['Get*', 'List*'],
  },
  sqs: {
    create: ['CreateQueue', 'TagQueue'],
    change: ['SetQueueAttributes', 'TagQueue', 'UntagQueue', 'DeleteQueue'],
    read: ['GetQueueAttributes', 'GetQueueUrl', 'List*'],
  },
  lambda: {
    create: ['CreateFunction', 'CreateEventSourceMapping', 'TagResource'],
    change: [
      'UpdateFunctionCode',
      'UpdateFunctionConfiguration',
      'PutFunctionConcurrency',
      'DeleteFunctionConcurrency',
      'AddPermission',
      'RemovePermission',
      'UpdateEventSourceMapping',
      'DeleteEventSourceMapping',
      'TagResource',
      'UntagResource',
      'DeleteFunction',
    ],
    read: ['GetFunction', 'GetFunctionConfiguration', 'GetPolicy', 'GetEventSourceMapping', 'List*'],
  },
  states: {
    create: ['CreateStateMachine', 'TagResource'],
    change: ['UpdateStateMachine', 'TagResource', 'UntagResource', 'DeleteStateMachine'],
    read: ['Describe*', 'List*'],
  },
  events: {
    create: ['PutRule', 'TagResource'],
    change: ['PutRule', 'PutTargets', 'RemoveTargets', 'TagResource', 'UntagResource', 'DeleteRule'],
    read: ['Describe*', 'List*'],
  },
  cloudwatch: {
    create: ['PutMetricAlarm', 'TagResource'],
    change: ['PutMetricAlarm', 'TagResource', 'UntagResource', 'DeleteAlarms'],
    read: ['Describe*', 'Get*', 'List*'],
  },
  xray: {
    create: ['CreateGroup', 'CreateSamplingRule', 'TagResource'],
    change: ['UpdateGroup', 'UpdateSamplingRule', 'TagResource', 'UntagResource', 'DeleteGroup', 'DeleteSamplingRule'],
    read: ['Get*', 'List*'],
  },
  secretsmanager: {
    create: ['CreateSecret', 'TagResource'],
    change: [
      'UpdateSecret',
      'PutResourcePolicy',
      'DeleteResourcePolicy',
      'TagResource',
      'UntagResource',
      'DeleteSecret',
    ],
    read: ['DescribeSecret', 'GetResourcePolicy', 'ListSecrets'],
  },
  ec2: {
    create: [
      'CreateVpc',
      'CreateSubnet',
      'CreateRouteTable',
      'CreateSecurityGroup',
      'CreateVpcEndpoint',
      'CreateFlowLogs',
      'CreateTags',
    ],
    change: [
      'ModifyVpcAttribute',
      'ModifySubnetAttribute',
      'CreateRoute',
      'DeleteRoute',
      'AssociateRouteTable',
      'DisassociateRouteTable',
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'ModifyVpcEndpoint',
      'CreateTags',
      'DeleteTags',
      'DeleteVpcEndpoints',
      'DeleteSecurityGroup',
      'DeleteRouteTable',
      'DeleteSubnet',
      'DeleteVpc',
    ],
    read: ['Describe*'],
  },
  elasticmapreduce: {
    create: ['RunJobFlow', 'AddTags'],
    change: ['AddTags', 'RemoveTags', 'SetTerminationProtection', 'TerminateJobFlows'],
    read: ['Describe*', 'List*', 'GetBlockPublicAccessConfiguration'],
  },
  redshift: {
    create: ['CreateCluster', 'CreateClusterSubnetGroup', 'CreateClusterParameterGroup', 'CreateTags'],
    change: [
      'ModifyCluster',
      'ModifyClusterIamRoles',
      'ModifyClusterParameterGroup',
      'ModifyClusterSubnetGroup',
      'EnableLogging',
      'DisableLogging',
      'CreateTags',
      'DeleteTags',
      'DeleteCluster',
      'DeleteClusterParameterGroup',
      'DeleteClusterSubnetGroup',
    ],
    read: ['Describe*'],
  },
  'redshift-serverless': {
    create: ['CreateNamespace', 'CreateWorkgroup', 'TagResource'],
    change: [
      'UpdateNamespace',
      'UpdateWorkgroup',
      'TagResource',
      'UntagResource',
      'DeleteWorkgroup',
      'DeleteNamespace',
    ],
    read: ['GetNamespace', 'GetWorkgroup', 'List*'],
  },
  'redshift-data': {
    create: [],
    change: ['ExecuteStatement', 'BatchExecuteStatement'],
    read: ['DescribeStatement', 'ListStatements'],
  },
  datapipeline: {
    create: ['CreatePipeline', 'AddTags'],
    change: [
      'PutPipelineDefinition',
      'ActivatePipeline',
      'DeactivatePipeline',
      'AddTags',
      'RemoveTags',
      'DeletePipeline',
    ],
    read: ['Describe*', 'GetPipelineDefinition', 'ListPipelines'],
  },
  athena: {
    create: ['CreateWorkGroup', 'TagResource'],
    change: ['UpdateWorkGroup', 'TagResource', 'UntagResource', 'DeleteWorkGroup'],
    read: ['GetWorkGroup', 'List*'],
  },
};

const qualified = (kind: keyof ServiceActions) =>
  Object.entries(SERVICE_ACTIONS).flatMap(([service, actions]) => actions[kind].map((a) => `${service}:${a}`));

/** The describe, get and list calls Terraform makes to refresh what the stacks manage (S3 and IAM apart). */
export const DESCRIBE_ACTIONS = qualified('read');

/** Reads of the configuration the stacks manage, in this account wherever the call names a resource. */
export function describeStatement(env: EnvironmentConfig, extraActions: readonly string[] = []) {
  return {
    sid: 'Describe',
    actions: [...DESCRIBE_ACTIONS, ...extraActions],
    resources: ['*'],
    condition: [{ test: 'StringEqualsIfExists', variable: 'aws:ResourceAccount', values: [env.accountId] }],
  };
}

/** Bucket settings the stacks write; the archive's own guards (Object Lock, deletes) are denied in the boundary. */
const BUCKET_ACTIONS = [
  's3:CreateBucket',
  's3:Get*',
  's3:ListBucket',
  's3:PutBucketTagging',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketVersioning',
  's3:PutBucketObjectLockConfiguration',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
  's3:PutBucketLogging',
  's3:PutBucketNotification',
  's3:DeleteBucket',
];

/** Roles: reading and deleting ours; everything that sets permissions also needs the boundary (below). */
const ROLE_ACTIONS = [
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListInstanceProfilesForRole',
  'iam:UpdateRole',
  'iam:UpdateRoleDescription',
  'iam:UpdateAssumeRolePolicy',
  'iam:TagRole',
  'iam:UntagRole',
  'iam:DeleteRole',
  'iam:GetInstanceProfile',
  'iam:CreateInstanceProfile',
  'iam:TagInstanceProfile',
  'iam:DeleteInstanceProfile',
  'iam:AddRoleToInstanceProfile',
  'iam:RemoveRoleFromInstanceProfile',
];

/** Services the stacks hand our roles to. */
const ROLE_USING_SERVICES = [
  'cloudtrail.amazonaws.com',
  'lambda.amazonaws.com',
  'states.amazonaws.com',
  'elasticmapreduce.amazonaws.com',
  'ec2.amazonaws.com',
  'redshift.amazonaws.com',
  'redshift-serverless.amazonaws.com',
  'datapipeline.amazonaws.com',
  'events.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
];

/** The state keys of the stacks the apply role applies: every stack of its environment but the bootstrap. */
export function appliedStateKeys(env: EnvironmentConfig): string[] {
  return STACK_NAMES.filter((stack) => stack !== 'bootstrap').map((stack) => `${stackId(env, stack)}/*`);
}

/**
 * The apply role's permissions, laid out for IAM's size quotas (docs/decisions/gitops-workflows.md): `state`, the
 * Terraform state of the stacks it applies, stays its inline policy (with the state key, bootstrap-stack.ts); the
 * rest is in customer managed policies named `<prefix>-<env>-apply-<group>` and attached to the role, each under
 * IAM's 6,144 characters (the policy gate's iam-policy-size rule checks every one, and the role's total inline):
 * `tagged`, creating and changing resources tagged `ManagedBy=logfed`; `named`, reads and what is reached by our
 * names or keys; `roles`, the roles the stacks create. The boundary denies the role changing any of them.
 */
export interface ApplyPermissions {
  readonly state: DataAwsIamPolicyDocumentStatement[];
  readonly managed: {
    readonly tagged: DataAwsIamPolicyDocumentStatement[];
    readonly named: DataAwsIamPolicyDocumentStatement[];
    readonly roles: DataAwsIamPolicyDocumentStatement[];
  };
}

/**
 * Permissions of the apply role beyond the state key: creation only of resources tagged `ManagedBy=logfed`,
 * changes only to resources so tagged in its own account, buckets by name in its own account, roles only with
 * the environment's permissions boundary and allow-listed managed policies, our roles passed only to our
 * services. The boundary (permissions-boundary.ts) adds the denies that no grant here can lift.
 */
export function applyPermissions(env: EnvironmentConfig, stateBucket: string): ApplyPermissions {
  const { region, accountId } = env;
  const prefix = resourceName(env, '');
  const boundary = permissionsBoundaryArn(env);
  const inThisAccount = { test: 'StringEquals', variable: 'aws:ResourceAccount', values: [accountId] };
  const ourKeys = accountKeysArn(env);
  const withBoundary = { test: 'StringEquals', variable: 'iam:PermissionsBoundary', values: [boundary] };
  const [roles] = ourRoleArns(env);
  const state: DataAwsIamPolicyDocumentStatement[] = [
    { sid: 'ListState', actions: ['s3:ListBucket'], resources: [stateBucket] },
    { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${stateBucket}/*`] },
    {
      sid: 'WriteStateOfAppliedStacks',
      actions: ['s3:PutObject'],
      resources: appliedStateKeys(env).map((key) => `${stateBucket}/${key}`),
    },
    {
      sid: 'ReleaseStateLocks',
      actions: ['s3:DeleteObject'],
      resources: appliedStateKeys(env).map((key) => `${stateBucket}/${key.replace(/\*$/, '')}terraform.tfstate.tflock`),
    },
  ];
  const tagged: DataAwsIamPolicyDocumentStatement[] = [
    {
      sid: 'CreateTaggedResources',
      actions: qualified('create'),
      resources: ['*'],
      condition: [CREATES_OURS],
    },
    {
      sid: 'ChangeTaggedResources',
      actions: qualified('change'),
      resources: ['*'],
      condition: [TAGGED_OURS, inThisAccount],
    },
  ];
  const named: DataAwsIamPolicyDocumentStatement[] = [
    describeStatement(env),
    {
      sid: 'ManageOurBuckets',
      actions: BUCKET_ACTIONS,
      resources: [`arn:aws:s3:::${prefix}*`],
      condition: [inThisAccount],
    },
    {
      sid: 'ManageArtifactObjects',
      actions: ['s3:PutObject', 's3:PutObjectTagging', 's3:GetObject', 's3:GetObjectTagging', 's3:DeleteObject'],
      resources: [`${bucketArn(env, 'artifacts')}/*`],
      condition: [inThisAccount],
    },
    {
      // Aliases and dashboards carry no tags: they are reached by our name, in this account's ARNs.
      sid: 'ManageOurNamedUntaggedResources',
      actions: [
        'kms:CreateAlias',
        'kms:UpdateAlias',
        'kms:DeleteAlias',
        'cloudwatch:PutDashboard',
        'cloudwatch:DeleteDashboards',
      ],
      resources: [
        `arn:aws:kms:${region}:${accountId}:alias/${prefix}*`,
        `arn:aws:cloudwatch::${accountId}:dashboard/${prefix}*`,
      ],
    },
    {
      sid: 'ManageRedshiftManagedAdminSecret',
      actions: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DescribeSecret',
        'secretsmanager:UpdateSecret',
        'secretsmanager:RotateSecret',
        'secretsmanager:TagResource',
        'secretsmanager:DeleteSecret',
      ],
      resources: [`arn:aws:secretsmanager:${region}:${accountId}:secret:redshift!*`],
    },
    {
      // The Data API statements that apply the star schema sign in with the admin secret Redshift manages,
      // named `redshift!<cluster or namespace>-<admin user>`: ours only, never another workload's.
      sid: 'ReadOurWarehouseAdminSecret',
      actions: ['secretsmanager:GetSecretValue'],
      resources: [`arn:aws:secretsmanager:${region}:${accountId}:secret:redshift!${prefix}*`],
    },
    {
      // Writing to SSE-KMS buckets, the warehouse's managed secret and Data API calls use our keys as the caller.
      sid: 'UseOurKeys',
      actions: ['kms:DescribeKey', 'kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey'],
      resources: [ourKeys],
      condition: [TAGGED_OURS, inThisAccount],
    },
    {
      // Deploying never needs to read what the trails archived; the log-intelligence function does, not CI.
      sid: 'NeverReadArchivedLogs',
      effect: 'Deny',
      actions: ['kms:Decrypt'],
      resources: [ourKeys],
      condition: [
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [archiveKeyAlias(env)] },
      ],
    },
    {
      // Redshift and Lambda hold their key through a grant made in the caller's name, for that AWS resource only.
      sid: 'LetServicesHoldOurKeys',
      actions: ['kms:CreateGrant'],
      resources: [ourKeys],
      condition: [
        TAGGED_OURS,
        inThisAccount,
        { test: 'Bool', variable: 'kms:GrantIsForAWSResource', values: ['true'] },
      ],
    },
    {
      // EMR security configurations take neither tags nor a resource ARN: the policy-exceptions file says so.
      sid: 'ManageEmrSecurityConfigurations',
      actions: ['elasticmapreduce:CreateSecurityConfiguration', 'elasticmapreduce:DeleteSecurityConfiguration'],
      resources: ['*'],
    },
  ];
  const roleStatements: DataAwsIamPolicyDocumentStatement[] = [
    { sid: 'ManageOurRoles', actions: ROLE_ACTIONS, resources: ourRoleArns(env) },
    {
      sid: 'SetRolePermissionsWithinTheBoundary',
      actions: [
        'iam:CreateRole',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
      ],
      resources: [roles],
      condition: [withBoundary],
    },
    {
      sid: 'AttachAllowListedPolicies',
      actions: ['iam:AttachRolePolicy'],
      resources: [roles],
      condition: [withBoundary, { test: 'ArnEquals', variable: 'iam:PolicyARN', values: ATTACHABLE_MANAGED_POLICIES }],
    },
    {
      sid: 'PassOurRolesToOurServices',
      actions: ['iam:PassRole'],
      resources: [roles],
      condition: [{ test: 'StringEquals', variable: 'iam:PassedToService', values: ROLE_USING_SERVICES }],
    },
    {
      sid: 'CreateServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [`arn:aws:iam::${accountId}:role/aws-service-role/*`],
      condition: [
        {
          test: 'StringEquals',
          variable: 'iam:AWSServiceName',
          values: ['elasticmapreduce.amazonaws.com', 'redshift.amazonaws.com', 'redshift-serverless.amazonaws.com'],
        },
      ],
    },
  ];
  return { state, managed: { tagged, named, roles: roleStatements } };
}
