import { App, TerraformStack, Testing } from 'cdktf';
import { Cloudtrail } from '@cdktf/provider-aws/lib/cloudtrail';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SecurityGroupRule } from '@cdktf/provider-aws/lib/security-group-rule';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { SecureBucket } from '../../stacks/constructs/secure-bucket';
import { BASELINE_PACK } from '../../stacks/policy/pack';
import { checkExceptions, committedExceptions } from '../../stacks/policy/exceptions';
import { PolicyGate } from '../../stacks/policy/policy-gate';
import { RedshiftLogging } from '@cdktf/provider-aws/lib/redshift-logging';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { isReadOnly } from '../../stacks/policy/rules/iam-no-wildcard-resource-write';
import type { PolicyException } from '../../stacks/policy/types';

function stackWith(build: (stack: TerraformStack, key: KmsKey) => void): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'test');
  new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
  build(stack, new KmsKey(stack, 'key', { enableKeyRotation: true }));
  return stack;
}

const violationsOf = (stack: TerraformStack, exceptions: PolicyException[] = []) =>
  new PolicyGate(BASELINE_PACK, exceptions).check(stack);

/** A bucket with every baseline setting but the ones `omit` names. */
function bareBucket(stack: TerraformStack, key: KmsKey, omit: string[]): void {
  const bucket = new S3Bucket(stack, 'bare', { bucket: 'bare-bucket' });
  if (!omit.includes('encryption')) {
    new S3BucketServerSideEncryptionConfigurationA(stack, 'sse', {
      bucket: bucket.id,
      rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn } }],
    });
  }
  if (!omit.includes('versioning'))
    new S3BucketVersioningA(stack, 'versioning', { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } });
  const blocks = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: !omit.includes('restrict'),
  };
  new S3BucketPublicAccessBlock(stack, 'pab', { bucket: bucket.bucket, ...blocks });
  const statement = omit.includes('tls')
    ? {
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['s3:DeleteBucket'],
        resources: [bucket.arn],
      }
    : {
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['s3:*'],
        resources: [bucket.arn],
        condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      };
  const document = new DataAwsIamPolicyDocument(stack, 'bucket-policy-document', { statement: [statement] });
  new S3BucketPolicy(stack, 'bucket-policy', { bucket: bucket.id, policy: document.json });
}

function roleWithPolicy(stack: TerraformStack, statement: Record<string, unknown>): void {
  const role = new IamRole(stack, 'role', {
    name: 'r',
    assumeRolePolicy: JSON.stringify({ Version: '2012-10-17', Statement: [] }),
    permissionsBoundary: 'arn:aws:iam::111111111111:policy/boundary',
  });
  new IamRolePolicy(stack, 'role-policy', {
    role: role.name,
    policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
  });
}

/** A bucket with default encryption `algorithm` (and Object Lock if `locked`) that `service` delivers logs into. */
function logTarget(
  stack: TerraformStack,
  key: KmsKey,
  { algorithm, locked, service }: { algorithm: 'AES256' | 'aws:kms'; locked: boolean; service: 's3' | 'redshift' },
): void {
  const bucket = new S3Bucket(stack, 'logs', { bucket: 'logs-bucket' });
  new S3BucketServerSideEncryptionConfigurationA(stack, 'logs-sse', {
    bucket: bucket.id,
    rule: [
      {
        applyServerSideEncryptionByDefault: {
          sseAlgorithm: algorithm,
          kmsMasterKeyId: algorithm === 'aws:kms' ? key.arn : undefined,
        },
      },
    ],
  });
  if (locked) {
    new S3BucketObjectLockConfigurationA(stack, 'logs-lock', {
      bucket: bucket.id,
      objectLockEnabled: 'Enabled',
      rule: { defaultRetention: { mode: 'GOVERNANCE', days: 30 } },
    });
  }
  if (service === 's3')
    new S3BucketLoggingA(stack, 'logging', { bucket: 'source', targetBucket: bucket.id, targetPrefix: 'source/' });
  else
    new RedshiftLogging(stack, 'audit', {
      clusterIdentifier: 'c',
      logDestinationType: 's3',
      bucketName: bucket.bucket,
    });
}

const trail = (stack: TerraformStack, settings: { enableLogFileValidation?: boolean; kmsKeyId?: string }) =>
  new Cloudtrail(stack, 'trail', { name: 't', s3BucketName: 'b', ...settings });

/** `count` statements reading one prefix each of `bucket` (an ARN or a reference): about 100 characters apiece. */
const reads = (count: number, bucket = 'arn:aws:s3:::b') =>
  Array.from({ length: count }, (_, i) => ({
    sid: `Read${i}`,
    actions: ['s3:GetObject'],
    resources: [`${bucket}/p${i}/*`],
  }));

/** A managed policy `managed` of `statements`, through an aws_iam_policy_document as the stacks write them. */
function managedPolicy(stack: TerraformStack, statements: Record<string, unknown>[]): IamPolicy {
  const document = new DataAwsIamPolicyDocument(stack, 'managed-document', { statement: statements });
  return new IamPolicy(stack, 'managed', { name: 'm', policy: document.json });
}

/** A bounded role `role` with the given inline policies, trust policy and attached managed policies. */
function sizedRole(
  stack: TerraformStack,
  { inline = [], trust = [], attached = 0 }: { inline?: number[]; trust?: string[]; attached?: number },
): void {
  const role = new IamRole(stack, 'role', {
    name: 'r',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { Service: 'lambda.amazonaws.com' },
          Action: 'sts:AssumeRole',
          ...(trust.length > 0 ? { Condition: { StringEquals: { 'aws:SourceArn': trust } } } : {}),
        },
      ],
    }),
    permissionsBoundary: 'arn:aws:iam::111111111111:policy/boundary',
  });
  inline.forEach((count, index) => {
    const document = new DataAwsIamPolicyDocument(stack, `inline-${index}-document`, { statement: reads(count) });
    new IamRolePolicy(stack, `inline-${index}`, { name: `p${index}`, role: role.name, policy: document.json });
  });
  for (let index = 0; index < attached; index++) {
    new IamRolePolicyAttachment(stack, `attached-${index}`, {
      role: role.name,
      policyArn: `arn:aws:iam::111111111111:policy/p${index}`,
    });
  }
}

describe('policy gate rules', () => {
  it.each([
    ['bucket-kms-encryption', 'test/bare', (s: TerraformStack, k: KmsKey) => bareBucket(s, k, ['encryption'])],
    ['bucket-versioning', 'test/bare', (s: TerraformStack, k: KmsKey) => bareBucket(s, k, ['versioning'])],
    ['bucket-public-access-block', 'test/bare', (s: TerraformStack, k: KmsKey) => bareBucket(s, k, ['restrict'])],
    ['bucket-tls-only', 'test/bare', (s: TerraformStack, k: KmsKey) => bareBucket(s, k, ['tls'])],
    ['trail-log-validation', 'test/trail', (s: TerraformStack, k: KmsKey) => trail(s, { kmsKeyId: k.arn })],
    ['trail-kms', 'test/trail', (s: TerraformStack) => trail(s, { enableLogFileValidation: true })],
    [
      'log-group-retention',
      'test/group',
      (s: TerraformStack, k: KmsKey) => new CloudwatchLogGroup(s, 'group', { kmsKeyId: k.arn }),
    ],
    [
      'log-group-kms',
      'test/group',
      (s: TerraformStack) => new CloudwatchLogGroup(s, 'group', { retentionInDays: 365 }),
    ],
    ['topic-kms', 'test/topic', (s: TerraformStack) => new SnsTopic(s, 'topic', { name: 'alerts' })],
    ['queue-kms', 'test/queue', (s: TerraformStack) => new SqsQueue(s, 'queue', { sqsManagedSseEnabled: true })],
    [
      'iam-no-wildcard-action',
      'test/role-policy',
      (s: TerraformStack) => roleWithPolicy(s, { Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::b' }),
    ],
    [
      'iam-no-wildcard-action',
      'test/key-with-policy',
      (s: TerraformStack) =>
        new KmsKey(s, 'key-with-policy', {
          policy: JSON.stringify({ Statement: { Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' } }),
        }),
    ],
    [
      'iam-no-wildcard-resource-write',
      'test/role-policy',
      (s: TerraformStack) => roleWithPolicy(s, { Effect: 'Allow', Action: ['s3:PutObject'], Resource: '*' }),
    ],
    [
      'iam-no-wildcard-action',
      'test/role-policy',
      (s: TerraformStack) => roleWithPolicy(s, { Effect: 'Allow', NotAction: 'iam:*', Resource: 'arn:aws:s3:::b' }),
    ],
    [
      'iam-no-wildcard-resource-write',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, { Effect: 'Allow', Action: 's3:PutObject', NotResource: 'arn:aws:s3:::b' }),
    ],
    [
      'iam-no-wildcard-resource-write',
      'test/managed',
      (s: TerraformStack) => {
        const document = new DataAwsIamPolicyDocument(s, 'managed-document', {
          statement: [{ actions: ['sqs:*'], resources: ['*'] }],
        });
        new IamPolicy(s, 'managed', { name: 'm', policy: document.json });
      },
    ],
    [
      'security-group-open-ingress',
      'test/sg',
      (s: TerraformStack) =>
        new SecurityGroup(s, 'sg', {
          ingress: [{ fromPort: 22, toPort: 22, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'] }],
        }),
    ],
    [
      'security-group-open-ingress',
      'test/sg-rule',
      (s: TerraformStack) =>
        new SecurityGroupRule(s, 'sg-rule', {
          type: 'ingress',
          securityGroupId: 'sg-1',
          fromPort: 443,
          toPort: 443,
          protocol: 'tcp',
          ipv6CidrBlocks: ['::/0'],
        }),
    ],
    [
      'security-group-open-ingress',
      'test/ingress',
      (s: TerraformStack) =>
        new VpcSecurityGroupIngressRule(s, 'ingress', {
          securityGroupId: 'sg-1',
          ipProtocol: '-1',
          cidrIpv4: '0.0.0.0/0',
        }),
    ],
    [
      'iam-role-permissions-boundary',
      'test/unbounded',
      (s: TerraformStack) => new IamRole(s, 'unbounded', { name: 'u', assumeRolePolicy: '{}' }),
    ],
    [
      'iam-role-changes-need-boundary',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, {
          Effect: 'Allow',
          Action: 'iam:CreateRole',
          Resource: 'arn:aws:iam::111111111111:role/x-*',
        }),
    ],
    [
      'iam-role-changes-need-boundary',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, { Effect: 'Allow', Action: 'iam:Put*', Resource: 'arn:aws:iam::111111111111:role/x-*' }),
    ],
    [
      'iam-no-region-only-scope',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, {
          Effect: 'Allow',
          Action: 'ec2:TerminateInstances',
          Resource: 'arn:aws:ec2:eu-west-1:111111111111:instance/*',
          Condition: { StringEquals: { 'aws:RequestedRegion': 'eu-west-1' } },
        }),
    ],
    [
      'iam-s3-prefix-needs-account',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::logfed-prod-*/*' }),
    ],
    [
      'iam-pass-role-scoped',
      'test/role-policy',
      (s: TerraformStack) =>
        roleWithPolicy(s, { Effect: 'Allow', Action: 'iam:PassRole', Resource: 'arn:aws:iam::111111111111:role/x' }),
    ],
    [
      'kms-key-separated-duties',
      'test/root-key',
      (s: TerraformStack) =>
        new KmsKey(s, 'root-key', {
          policy: JSON.stringify({
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:*', Resource: '*' }],
          }),
        }),
    ],
    [
      'kms-key-separated-duties',
      'test/undefended-key',
      (s: TerraformStack) =>
        new KmsKey(s, 'undefended-key', {
          policy: JSON.stringify({
            Statement: [
              { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/admin' }, Action: 'kms:*', Resource: '*' },
            ],
          }),
        }),
    ],
    [
      'trail-bucket-object-lock',
      'test/trail-target/bucket',
      (s: TerraformStack, k: KmsKey) => {
        const target = new SecureBucket(s, 'trail-target', { bucketName: 'trail-target', encryptionKey: k });
        new Cloudtrail(s, 'trail', { name: 't', s3BucketName: target.bucketName });
      },
    ],
    [
      'log-delivery-target',
      'test/logs',
      (s: TerraformStack, k: KmsKey) => logTarget(s, k, { algorithm: 'aws:kms', locked: false, service: 's3' }),
    ],
    [
      'log-delivery-target',
      'test/logs',
      (s: TerraformStack, k: KmsKey) => logTarget(s, k, { algorithm: 'AES256', locked: true, service: 's3' }),
    ],
    [
      'log-delivery-target',
      'test/logs',
      (s: TerraformStack, k: KmsKey) => logTarget(s, k, { algorithm: 'aws:kms', locked: true, service: 'redshift' }),
    ],
    [
      'log-delivery-target',
      'test/audit',
      (s: TerraformStack) =>
        new RedshiftLogging(s, 'audit', {
          clusterIdentifier: 'c',
          logDestinationType: 's3',
          bucketName: 'a-bucket-of-another-stack',
        }),
    ],
    [
      'log-delivery-target',
      'test/logging',
      (s: TerraformStack) =>
        new S3BucketLoggingA(s, 'logging', {
          bucket: 'source',
          targetBucket: 'a-bucket-of-another-stack',
          targetPrefix: 'source/',
        }),
    ],
    [
      'bucket-kms-encryption',
      'test/logs',
      (s: TerraformStack, k: KmsKey) => {
        // SSE-S3 is for log-delivery targets only: the same bucket with nothing delivering into it is a violation.
        logTarget(s, k, { algorithm: 'AES256', locked: false, service: 's3' });
        s.node.tryRemoveChild('logging');
      },
    ],
    [
      'iam-no-broad-managed-policy',
      'test/read-everything',
      (s: TerraformStack) =>
        new IamRolePolicyAttachment(s, 'read-everything', {
          role: 'r',
          policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess',
        }),
    ],
    [
      'trail-bucket-object-lock',
      'test/replaced',
      (s: TerraformStack) => new S3Bucket(s, 'replaced', { bucket: 'replaced', objectLockEnabled: true }),
    ],
    ['iam-policy-size', 'test/managed', (s: TerraformStack) => managedPolicy(s, reads(80))],
    [
      'iam-policy-size',
      'test/managed',
      // Under 6,144 as written, over once the bucket's generated name (up to 63 characters) is in every ARN.
      (s: TerraformStack) => managedPolicy(s, reads(60, new S3Bucket(s, 'generated', {}).arn)),
    ],
    ['iam-policy-size', 'test/role', (s: TerraformStack) => sizedRole(s, { inline: [60, 60] })],
    [
      'iam-policy-size',
      'test/role',
      (s: TerraformStack) =>
        sizedRole(s, { trust: Array.from({ length: 50 }, (_, i) => `arn:aws:sqs:eu-west-1:111111111111:queue-${i}`) }),
    ],
    ['iam-policy-size', 'test/role', (s: TerraformStack) => sizedRole(s, { attached: 11 })],
  ])('%s fires on %s', (rule, path, build) => {
    const violations = violationsOf(stackWith(build)).filter((violation) => violation.rule === rule);
    expect(violations).toEqual([expect.objectContaining({ rule, resource: path })]);
  });

  it.each([
    [
      's3',
      'receives S3 server access logs, which AWS delivers only into buckets with SSE-S3 default encryption and without Object Lock (S3 user guide, "Enabling Amazon S3 server access logging"), but it has Object Lock and its default encryption is aws:kms, not SSE-S3 (AES256)',
    ],
    [
      'redshift',
      'receives Redshift audit logs, which AWS delivers only into buckets with SSE-S3 default encryption and without Object Lock (Redshift management guide, "Database audit logging"), but it has Object Lock and its default encryption is aws:kms, not SSE-S3 (AES256)',
    ],
  ] as const)('names the AWS constraint when a %s log target is locked or SSE-KMS', (service, reason) => {
    const stack = stackWith((s, k) => logTarget(s, k, { algorithm: 'aws:kms', locked: true, service }));
    const violations = violationsOf(stack).filter((v) => v.rule === 'log-delivery-target');
    expect(violations).toEqual([{ rule: 'log-delivery-target', resource: 'test/logs', reason }]);
  });

  it('accepts a log-delivery target with SSE-S3 and no lock, and Redshift audit logs in CloudWatch', () => {
    const stack = stackWith((s, k) => {
      logTarget(s, k, { algorithm: 'AES256', locked: false, service: 's3' });
      new RedshiftLogging(s, 'audit', {
        clusterIdentifier: 'c',
        logDestinationType: 'cloudwatch',
        logExports: ['connectionlog', 'userlog', 'useractivitylog'],
      });
    });
    expect(violationsOf(stack).filter((v) => v.rule.startsWith('log-') || v.rule.startsWith('bucket-kms'))).toEqual([]);
  });

  it('accepts writes on Resource "*" only when scoped to resources tagged ManagedBy', () => {
    const tagScoped = stackWith((s) =>
      roleWithPolicy(s, {
        Effect: 'Allow',
        Action: 'ec2:CreateVpc',
        Resource: '*',
        Condition: { StringEquals: { 'aws:RequestTag/ManagedBy': 'logfed' } },
      }),
    );
    expect(violationsOf(tagScoped)).toEqual([]);
  });

  it('reads a permissions boundary as a ceiling, not as a grant', () => {
    const stack = stackWith((s) => {
      const boundary = new IamPolicy(s, 'boundary', {
        name: 'b',
        policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: ['s3:*', 'iam:PassRole'], Resource: '*' }] }),
      });
      new IamRole(s, 'bounded', { name: 'r', assumeRolePolicy: '{}', permissionsBoundary: boundary.arn });
    });
    expect(violationsOf(stack)).toEqual([]);
  });

  it('passes a SecureBucket, a hardened trail, log group, topic and queue, and least-privilege policies', () => {
    const stack = stackWith((s, key) => {
      const accessLogs = new SecureBucket(s, 'access-logs', {
        bucketName: 'access-logs',
        accessLogTarget: { administratorArn: 'arn:aws:iam::1:role/admin' },
      });
      new SecureBucket(s, 'data', { bucketName: 'data', encryptionKey: key, accessLogsBucket: accessLogs });
      trail(s, { enableLogFileValidation: true, kmsKeyId: key.arn });
      const locked = new SecureBucket(s, 'locked', {
        bucketName: 'locked',
        encryptionKey: key,
        accessLogsBucket: accessLogs,
        objectLock: { mode: 'GOVERNANCE', days: 365, administratorArn: 'arn:aws:iam::1:role/admin' },
      });
      new Cloudtrail(s, 'locked-trail', {
        name: 'l',
        s3BucketName: locked.bucketName,
        enableLogFileValidation: true,
        kmsKeyId: key.arn,
      });
      new CloudwatchLogGroup(s, 'group', { retentionInDays: 365, kmsKeyId: key.arn });
      new SnsTopic(s, 'topic', { kmsMasterKeyId: key.arn });
      new SqsQueue(s, 'queue', { kmsMasterKeyId: key.arn });
      roleWithPolicy(s, { Effect: 'Allow', Action: ['s3:GetObject', 'logs:Describe*'], Resource: '*' });
      new KmsKey(s, 'separated-key', {
        policy: JSON.stringify({
          Statement: [
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:role/admin' }, Action: 'kms:*', Resource: '*' },
            { Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::1:root' }, Action: 'kms:Decrypt', Resource: '*' },
            {
              Effect: 'Deny',
              Principal: { AWS: '*' },
              Action: ['kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion', 'kms:DisableKey', 'kms:DisableKeyRotation'],
              Resource: '*',
              Condition: { ArnNotEquals: { 'aws:PrincipalArn': 'arn:aws:iam::1:role/admin' } },
            },
          ],
        }),
      });
      new SecurityGroup(s, 'sg', {
        ingress: [{ fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['10.0.0.0/8'] }],
      });
    });
    expect(violationsOf(stack)).toEqual([]);
  });

  it('names the documents over an IAM size quota and by how much, with interpolations at their longest', () => {
    const violation = (build: (s: TerraformStack) => void) =>
      violationsOf(stackWith(build)).filter((v) => v.rule === 'iam-policy-size');
    expect(violation((s) => managedPolicy(s, reads(80)))).toEqual([
      {
        rule: 'iam-policy-size',
        resource: 'test/managed',
        reason: expect.stringMatching(
          /^the managed policy is ([\d,]+) characters \(test\/managed-document \(\1\)\), [\d,]+ over the 6,144 IAM allows$/,
        ),
      },
    ]);
    expect(violation((s) => sizedRole(s, { inline: [60, 60], attached: 11 }))[0].reason).toMatch(
      /^its inline policies total [\d,]+ characters \(test\/inline-0-document \([\d,]+\) \+ test\/inline-1-document \([\d,]+\)\), [\d,]+ over the 10,240 IAM allows; it has 11 managed policies attached, 1 over the 10 IAM allows per role$/,
    );
    // The same documents fit once the bucket name is a short literal, or when the role has one of them.
    expect(violation((s) => managedPolicy(s, reads(60, new S3Bucket(s, 'named', { bucket: 'b' }).arn)))).toEqual([]);
    expect(violation((s) => sizedRole(s, { inline: [60], attached: 10 }))).toEqual([]);
  });

  it('reports a policy whose size it cannot bound instead of passing it', () => {
    const stack = stackWith((s) => new IamPolicy(s, 'computed', { name: 'c', policy: '${jsonencode(local.policy)}' }));
    expect(violationsOf(stack).filter((v) => v.rule === 'iam-policy-size')).toEqual([
      {
        rule: 'iam-policy-size',
        resource: 'test/computed',
        reason:
          'the size of test/computed is unknown: no bound for ${jsonencode(local.policy)} (see stacks/policy/policy-size.ts)',
      },
    ]);
  });

  it('treats only read verbs as read-only', () => {
    expect(['s3:GetObject', 'ec2:DescribeInstances', 'logs:List*'].every(isReadOnly)).toBe(true);
    expect(['s3:PutObject', 's3:*', 'iam:PassRole', '*'].some(isReadOnly)).toBe(false);
  });
});

describe('policy gate at synth', () => {
  /** An app with one stack holding an SNS topic without KMS, under the gate. */
  const badApp = (exceptions: PolicyException[]) => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 'real');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    new SnsTopic(stack, 'topic', { name: 'plain' });
    new PolicyGate(BASELINE_PACK, exceptions).protect(app);
    return app;
  };

  it('fails synth naming the rule and the resource path', () => {
    expect(() => badApp([]).synth()).toThrow('[policy:topic-kms] real/topic: kms_master_key_id is not set');
  });

  it('fails synth on a locked SSE-KMS bucket that receives server access logs, naming the AWS constraint', () => {
    const app = new App({ outdir: Testing.app().outdir });
    const stack = new TerraformStack(app, 'real');
    new AwsProvider(stack, 'aws', { region: 'eu-west-1' });
    logTarget(stack, new KmsKey(stack, 'key', { enableKeyRotation: true }), {
      algorithm: 'aws:kms',
      locked: true,
      service: 's3',
    });
    new PolicyGate(BASELINE_PACK).protect(app);
    expect(() => app.synth()).toThrow(
      '[policy:log-delivery-target] real/logs: receives S3 server access logs, which AWS delivers only into buckets with SSE-S3 default encryption and without Object Lock',
    );
  });

  it('accepts a violation listed as an exception', () => {
    expect(() =>
      badApp([{ rule: 'topic-kms', resource: 'real/*', reason: 'test topic without data' }]).synth(),
    ).not.toThrow();
  });

  it('fails synth on an exception that matches nothing', () => {
    const exceptions = [
      { rule: 'topic-kms', resource: 'real/topic', reason: 'test topic without data' },
      { rule: 'queue-kms', resource: 'real/queue', reason: 'there is no such queue' },
    ];
    expect(() => badApp(exceptions).synth()).toThrow(
      '[policy:queue-kms] exception for real/queue matches no violation',
    );
  });
});

describe('policy exceptions file', () => {
  it('holds only known rules with a resource and a reason', () => {
    expect(committedExceptions(BASELINE_PACK).length).toBeGreaterThan(0);
  });

  it('rejects an unknown rule id', () => {
    expect(() =>
      checkExceptions(
        [{ rule: 'bucket-encrypted', resource: 'a/b', reason: 'a long enough reason' }],
        BASELINE_PACK,
        'f.json',
      ),
    ).toThrow('f.json[0]: unknown rule "bucket-encrypted"');
  });

  it('rejects an exception without a reason', () => {
    expect(() =>
      checkExceptions([{ rule: 'topic-kms', resource: 'a/b', reason: '' }], BASELINE_PACK, 'f.json'),
    ).toThrow('f.json[0]: reason is missing');
  });
});
