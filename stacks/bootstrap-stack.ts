import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { S3AccountPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-account-public-access-block';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import {
  accountKeysArn,
  ARCHIVE_BUCKETS,
  archiveKeyAlias,
  breakGlassRoleArn,
  bucketArn,
  bucketName,
  resourceName,
  stateBucketName,
  stateKeyAlias,
} from './config/names';
import { guardrailOn } from './config/defaults';
import type { EnvironmentConfig } from './config/types';
import { BUCKET_LIST_ACTIONS, KEY_DECRYPT_ACTIONS, OBJECT_READ_ACTIONS } from './constructs/bucket-actions';
import { EncryptionKey } from './constructs/encryption-key';
import { GITHUB_OIDC_HOST, GithubOidcRole, githubSubject } from './constructs/github-oidc-role';
import { SecureBucket } from './constructs/secure-bucket';
import { EnvironmentStack } from './environment-stack';
import { applyPermissions } from './bootstrap-apply-policy';
import { planStatements } from './bootstrap-plan-policy';
import { permissionsBoundaryStatements } from './permissions-boundary';

/** The GitHub environment that pull-request plans of `env` run in; give the production one required reviewers. */
export function planEnvironment(env: EnvironmentConfig): string {
  return `${env.name}-plan`;
}

/**
 * `<env>-bootstrap`, applied by an admin with the break-glass role: the Terraform state bucket and its key, the
 * permissions boundary of every role, the account's GitHub OIDC provider and the three roles the workflows
 * assume (plan for pull requests and the drift check, apply from apply.yml on main in the GitHub environment,
 * digest from the nightly workflow on main), and the account's S3 public access block. The state bucket admits
 * only the plan, apply and break-glass roles.
 */
export class BootstrapStack extends EnvironmentStack {
  readonly stateBucket: SecureBucket;
  readonly stateKey: EncryptionKey;
  readonly planRole: GithubOidcRole;
  readonly applyRole: GithubOidcRole;
  readonly digestRole: GithubOidcRole;
  readonly boundary: IamPolicy;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'bootstrap');
    this.stateKey = new EncryptionKey(this, 'state-key', {
      alias: stateKeyAlias(env),
      description: `logfed ${env.name}: Terraform state`,
      accountId: env.accountId,
      administratorArn: breakGlassRoleArn(env),
    });
    const encryptionKey = this.stateKey.key;
    // S3 delivers server access logs only into an SSE-S3 bucket without Object Lock: this one is guarded by its policy.
    const accessLogs = new SecureBucket(this, 'state-access-logs', {
      bucketName: bucketName(env, 'state-access-logs'),
      accessLogTarget: { administratorArn: breakGlassRoleArn(env) },
    });
    this.stateBucket = new SecureBucket(this, 'state', {
      bucketName: stateBucketName(env),
      encryptionKey,
      accessLogsBucket: accessLogs,
    });
    // State changes reach EventBridge like every other bucket's events (docs/decisions/log-event-notifications.md).
    for (const bucket of [accessLogs, this.stateBucket]) {
      new S3BucketNotification(this, `${bucket.node.id}-notification`, { bucket: bucket.bucket.id, eventbridge: true });
    }

    this.boundary = new IamPolicy(this, 'permissions-boundary', {
      name: resourceName(env, 'permissions-boundary'),
      description: `logfed ${env.name}: the ceiling of every role the stacks and CI use`,
      policy: new DataAwsIamPolicyDocument(this, 'permissions-boundary-document', {
        statement: permissionsBoundaryStatements(env),
      }).json,
    });
    const provider = new IamOpenidConnectProvider(this, 'github-oidc', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const repository = { name: env.githubRepository, id: env.githubRepositoryId, ownerId: env.githubOwnerId };
    const onMain = (workflow: string) =>
      githubSubject(repository, { context: 'ref:refs/heads/main', ref: 'refs/heads/main', workflow });
    const state = this.stateBucket.arn;
    const ciRole = { provider, permissionsBoundary: this.boundary.arn };
    const stateKeyUse = (actions: string[]) => ({ sid: 'StateKey', actions, resources: [encryptionKey.arn] });

    this.planRole = new GithubOidcRole(this, 'plan-role', {
      ...ciRole,
      roleName: resourceName(env, 'plan'),
      description:
        'Plans every stack for pull requests (through <env>-plan) and the drift check: reads state and settings',
      subjects: [
        githubSubject(repository, {
          context: `environment:${planEnvironment(env)}`,
          ref: 'refs/pull/*/merge',
          workflow: 'plan.yml',
        }),
        onMain('drift.yml'),
        onMain('apply.yml'),
      ],
      statements: [...planStatements(env, state), stateKeyUse(['kms:Decrypt'])],
    });
    // Too large for one inline policy: the state stays inline, the rest goes into managed policies (IAM quotas).
    const apply = applyPermissions(env, state);
    this.applyRole = new GithubOidcRole(this, 'apply-role', {
      ...ciRole,
      roleName: resourceName(env, 'apply'),
      description: `Applies the stacks of ${env.name} from apply.yml on main, in its GitHub environment`,
      subjects: [
        githubSubject(repository, {
          context: `environment:${env.name}`,
          ref: 'refs/heads/main',
          workflow: 'apply.yml',
        }),
      ],
      statements: [stateKeyUse(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']), ...apply.state],
      managedPolicies: apply.managed,
    });
    this.digestRole = new GithubOidcRole(this, 'digest-role', {
      ...ciRole,
      roleName: resourceName(env, 'digest'),
      description: 'Reads the intelligence and log buckets for the nightly digest',
      subjects: [onMain('nightly-digest.yml')],
      statements: digestStatements(env),
    });
    this.stateBucket.addToResourcePolicy({
      sid: 'OnlyPlanApplyAndBreakGlass',
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [state, `${state}/*`],
      condition: [
        {
          test: 'ArnNotEquals',
          variable: 'aws:PrincipalArn',
          values: [this.planRole.role.arn, this.applyRole.role.arn, breakGlassRoleArn(env)],
        },
      ],
    });
    // An account-wide setting: the admin owns it, and the boundary denies every CI role changing it.
    if (guardrailOn(env, 'accountPublicAccessBlock')) {
      new S3AccountPublicAccessBlock(this, 'account-public-access-block', {
        accountId: env.accountId,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      });
    }
    // What the admin copies into the GitHub repository and environment variables after the first apply.
    new TerraformOutput(this, 'plan-role-arn', { value: this.planRole.role.arn });
    new TerraformOutput(this, 'apply-role-arn', { value: this.applyRole.role.arn });
    new TerraformOutput(this, 'digest-role-arn', { value: this.digestRole.role.arn });
    new TerraformOutput(this, 'state-bucket', { value: this.stateBucket.bucketName });
  }
}

/** The digest reads every archive bucket except the raw data ones, and decrypts only through S3 with the archive key. */
function digestStatements(env: EnvironmentConfig): DataAwsIamPolicyDocumentStatement[] {
  const readable = ARCHIVE_BUCKETS.filter((bucket) => !['landing', 'chunks', 'artifacts'].includes(bucket)).map(
    (bucket) => bucketArn(env, bucket),
  );
  return [
    { sid: 'ListLogBuckets', actions: BUCKET_LIST_ACTIONS, resources: readable },
    { sid: 'ReadLogObjects', actions: OBJECT_READ_ACTIONS, resources: readable.map((arn) => `${arn}/*`) },
    {
      sid: 'DecryptThroughS3',
      actions: KEY_DECRYPT_ACTIONS,
      resources: [accountKeysArn(env)],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${env.region}.amazonaws.com`] },
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [archiveKeyAlias(env)] },
      ],
    },
  ];
}
