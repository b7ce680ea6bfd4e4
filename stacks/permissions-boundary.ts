import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { guardStatements } from './archive-guards';
import { permissionsBoundaryArn, resourceName } from './config/names';
import { GITHUB_OIDC_HOST } from './constructs/github-oidc-role';
import type { EnvironmentConfig } from './config/types';

/**
 * Services a role of ours may ever use: what the stacks create and what their runtime roles (Lambda, EMR service
 * and instances, Step Functions, Redshift, Data Pipeline) and the CI roles call. Everything else is out of reach.
 */
const BOUNDED_SERVICES = [
  's3',
  'kms',
  'cloudtrail',
  'logs',
  'sns',
  'sqs',
  'lambda',
  'states',
  'events',
  'cloudwatch',
  'xray',
  'secretsmanager',
  'athena',
  'glue',
  'ec2',
  'elasticmapreduce',
  'redshift',
  'redshift-serverless',
  'redshift-data',
  'datapipeline',
];

/**
 * IAM within the boundary: our roles and instance profiles (never users, groups, keys or identity providers).
 * By suffix, as IAM limits the boundary's size: `*Role` is Create, Delete, Update, Tag, Untag and PassRole,
 * `*RolePolicy` Put, Delete, Attach, Detach and UpdateAssumeRolePolicy, `*InstanceProfile` Create, Delete, Tag,
 * Untag, AddRoleTo and RemoveRoleFrom. They also match reads that ReadOurIdentities allows anyway (GetRole,
 * GetRolePolicy, GetInstanceProfile, ListInstanceProfilesForRole) and the service-linked role calls, whose
 * `role/aws-service-role/…` ARNs our role pattern never matches (test/verification/iam-actions.test.ts checks
 * the expansion against IAM's list of actions).
 */
const ROLE_WRITE_ACTIONS = [
  'iam:*Role',
  'iam:*RolePolicy',
  'iam:*InstanceProfile',
  'iam:UpdateRoleDescription',
  'iam:PutRolePermissionsBoundary',
];

/** Calls that change a role or its permissions; each accepts `iam:PermissionsBoundary` as a condition. */
export const ROLE_PERMISSION_ACTIONS = [
  'iam:CreateRole',
  'iam:PutRolePermissionsBoundary',
  'iam:PutRolePolicy',
  'iam:DeleteRolePolicy',
  'iam:AttachRolePolicy',
  'iam:DetachRolePolicy',
];

/** AWS managed policies a role of ours may carry: the service-role policies the runtime roles are built on. */
export const ATTACHABLE_MANAGED_POLICIES = [
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
  'arn:aws:iam::aws:policy/service-role/AWSLambdaSQSQueueExecutionRole',
  'arn:aws:iam::aws:policy/service-role/AmazonEMRServicePolicy_v2',
  'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess',
];

/** The ARN patterns of the roles (and instance profiles) the stacks of an environment own. */
export function ourRoleArns(env: EnvironmentConfig): string[] {
  const prefix = resourceName(env, '');
  return [`arn:aws:iam::${env.accountId}:role/${prefix}*`, `arn:aws:iam::${env.accountId}:instance-profile/${prefix}*`];
}

/** The ARN pattern of the customer managed policies of an environment: the boundary and the CI roles' policies. */
function ourPolicyArns(env: EnvironmentConfig): string {
  return `arn:aws:iam::${env.accountId}:policy/${resourceName(env, '')}*`;
}

/**
 * The permissions boundary of every role of an environment, CI roles included: a ceiling, not a grant. A role
 * reaches only the services logfed uses, cannot make a role that escapes the boundary, cannot change or drop the
 * boundary, attaches only allow-listed managed policies, passes only our roles, and meets the guards that keep
 * the bootstrap stack and the log archive whole (archive-guards.ts).
 */
export function permissionsBoundaryStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  const boundary = permissionsBoundaryArn(env);
  const iam = `arn:aws:iam::${env.accountId}`;
  const [roles] = ourRoleArns(env);
  return [
    {
      // Only resources of this account: no role of ours reads from or writes to a same-named bucket elsewhere.
      sid: 'UseLogfedServicesInThisAccount',
      actions: [...BOUNDED_SERVICES.map((service) => `${service}:*`), 'sts:GetCallerIdentity'],
      resources: ['*'],
      condition: [{ test: 'StringEqualsIfExists', variable: 'aws:ResourceAccount', values: [env.accountId] }],
    },
    {
      sid: 'ReadOurIdentities',
      actions: ['iam:Get*', 'iam:List*'],
      resources: [
        ...ourRoleArns(env),
        ourPolicyArns(env),
        `${iam}:oidc-provider/${GITHUB_OIDC_HOST}`,
        'arn:aws:iam::aws:policy/*',
      ],
    },
    { sid: 'ManageOurRoles', actions: ROLE_WRITE_ACTIONS, resources: ourRoleArns(env) },
    {
      sid: 'CreateServiceLinkedRoles',
      actions: ['iam:CreateServiceLinkedRole'],
      resources: [`${iam}:role/aws-service-role/*`],
    },
    {
      sid: 'NoRoleWithoutThisBoundary',
      effect: 'Deny',
      actions: ROLE_PERMISSION_ACTIONS,
      resources: ['*'],
      condition: [{ test: 'StringNotEquals', variable: 'iam:PermissionsBoundary', values: [boundary] }],
    },
    { sid: 'NeverDropTheBoundary', effect: 'Deny', actions: ['iam:DeleteRolePermissionsBoundary'], resources: ['*'] },
    {
      // The boundary and every other customer managed policy of ours (the apply role's permissions among them).
      sid: 'NeverChangeTheBoundary',
      effect: 'Deny',
      actions: [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:SetDefaultPolicyVersion',
      ],
      resources: [ourPolicyArns(env)],
    },
    {
      sid: 'AttachOnlyAllowListedPolicies',
      effect: 'Deny',
      actions: ['iam:AttachRolePolicy'],
      resources: ['*'],
      condition: [{ test: 'ArnNotEquals', variable: 'iam:PolicyARN', values: ATTACHABLE_MANAGED_POLICIES }],
    },
    // PassRole names a role, never an instance profile: our role pattern alone is the exception.
    { sid: 'PassOnlyOurRoles', effect: 'Deny', actions: ['iam:PassRole'], notResources: [roles] },
    ...guardStatements(env),
  ];
}
