import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import type { DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamOpenidConnectProvider } from '@cdktf/provider-aws/lib/iam-openid-connect-provider';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import {
  ARCHIVE_BUCKETS,
  archiveKeyAlias,
  bucketArn,
  bucketName,
  resourceName,
  stateBucketName,
  stateKeyAlias,
} from './config/names';
import type { EnvironmentConfig } from './config/types';
import { BUCKET_LIST_ACTIONS, KEY_DECRYPT_ACTIONS, OBJECT_READ_ACTIONS } from './constructs/bucket-actions';
import { EncryptionKey, serverAccessLogDelivery } from './constructs/encryption-key';
import { GITHUB_OIDC_HOST, GithubOidcRole } from './constructs/github-oidc-role';
import { SecureBucket } from './constructs/secure-bucket';
import { EnvironmentStack } from './environment-stack';
import { applyStatements } from './bootstrap-apply-policy';

/**
 * `<env>-bootstrap`, applied once by an admin: the Terraform state bucket and its key, the account's GitHub
 * OIDC provider and the three roles the workflows assume (plan on pull requests and the drift check, apply in
 * the GitHub environment, digest on the main branch).
 */
export class BootstrapStack extends EnvironmentStack {
  readonly stateBucket: SecureBucket;
  readonly stateKey: EncryptionKey;
  readonly planRole: GithubOidcRole;
  readonly applyRole: GithubOidcRole;
  readonly digestRole: GithubOidcRole;

  constructor(scope: Construct, env: EnvironmentConfig) {
    super(scope, env, 'bootstrap');
    this.stateKey = new EncryptionKey(this, 'state-key', {
      alias: stateKeyAlias(env),
      description: `logfed ${env.name}: Terraform state`,
      accountId: env.accountId,
      serviceStatements: [serverAccessLogDelivery(env.accountId)],
    });
    const encryptionKey = this.stateKey.key;
    const accessLogs = new SecureBucket(this, 'state-access-logs', {
      bucketName: bucketName(env, 'state-access-logs'),
      encryptionKey,
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

    const provider = new IamOpenidConnectProvider(this, 'github-oidc', {
      url: `https://${GITHUB_OIDC_HOST}`,
      clientIdList: ['sts.amazonaws.com'],
    });
    const repo = `repo:${env.githubRepository}`;
    const state = this.stateBucket.arn;
    const stateKeyUse = {
      sid: 'StateKey',
      actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
      resources: [encryptionKey.arn],
    };

    this.planRole = new GithubOidcRole(this, 'plan-role', {
      roleName: resourceName(env, 'plan'),
      description: 'Plans every stack on pull requests and for the drift check on main: reads resources and state',
      provider,
      subjects: [`${repo}:pull_request`, `${repo}:ref:refs/heads/main`],
      managedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'],
      statements: [
        { sid: 'ListState', actions: ['s3:ListBucket'], resources: [state] },
        { sid: 'ReadState', actions: ['s3:GetObject'], resources: [`${state}/*`] },
        { sid: 'StateLock', actions: ['s3:PutObject', 's3:DeleteObject'], resources: [`${state}/*.tflock`] },
        stateKeyUse,
      ],
    });
    this.applyRole = new GithubOidcRole(this, 'apply-role', {
      roleName: resourceName(env, 'apply'),
      description: `Applies the stacks of ${env.name} from its GitHub environment`,
      provider,
      subjects: [`${repo}:environment:${env.name}`],
      statements: [
        { sid: 'ListState', actions: ['s3:ListBucket'], resources: [state] },
        { sid: 'WriteState', actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], resources: [`${state}/*`] },
        stateKeyUse,
        ...applyStatements(env),
      ],
    });
    this.digestRole = new GithubOidcRole(this, 'digest-role', {
      roleName: resourceName(env, 'digest'),
      description: 'Reads the intelligence and log buckets for the nightly digest',
      provider,
      subjects: [`${repo}:ref:refs/heads/main`],
      statements: digestStatements(env),
    });
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
      resources: [`arn:aws:kms:${env.region}:${env.accountId}:key/*`],
      condition: [
        { test: 'StringEquals', variable: 'kms:ViaService', values: [`s3.${env.region}.amazonaws.com`] },
        { test: 'ForAnyValue:StringEquals', variable: 'kms:ResourceAliases', values: [archiveKeyAlias(env)] },
      ],
    },
  ];
}
