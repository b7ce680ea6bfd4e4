import 'cdktf/lib/testing/adapters/jest'; // types of the toHave…WithProperties matchers
import { Testing, type TerraformStack } from 'cdktf';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecureBucket } from '../../../stacks/constructs/secure-bucket';

Testing.setupJest();

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function synth(build: (stack: TerraformStack, key: KmsKey) => void): string {
  return Testing.synthScope((stack) =>
    build(stack as TerraformStack, new KmsKey(stack, 'key', { enableKeyRotation: true })),
  );
}

/** The policy document whose Terraform name starts with `prefix` (synthScope drops construct paths). */
const documentNamed = (synthesized: string, prefix: string) =>
  Object.entries(JSON.parse(synthesized).data.aws_iam_policy_document as Json).find(([name]) =>
    name.startsWith(prefix),
  )![1] as Json;

describe('SecureBucket', () => {
  const target = synth((stack, key) => new SecureBucket(stack, 'logs', { bucketName: 'logs', encryptionKey: key }));
  const withLogging = synth((stack, key) => {
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', encryptionKey: key });
    new SecureBucket(stack, 'data', { bucketName: 'data', encryptionKey: key, accessLogsBucket: logs });
    new SecureBucket(stack, 'more', { bucketName: 'more', encryptionKey: key, accessLogsBucket: logs });
  });

  it('is secure with no options: SSE-KMS with a bucket key, versioning, public-access blocks, no ACLs', () => {
    expect(target).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: '${aws_kms_key.key.arn}',
          },
          bucket_key_enabled: true,
        },
      ],
    });
    expect(target).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(target).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(target).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('denies every request without TLS', () => {
    expect(target).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
      statement: expect.arrayContaining([
        expect.objectContaining({
          sid: 'DenyInsecureTransport',
          effect: 'Deny',
          actions: ['s3:*'],
          condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
        }),
      ]),
    });
  });

  it('cleans up incomplete uploads and old versions even without a lifecycle', () => {
    expect(target).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        }),
      ],
    });
    expect(target).not.toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: expect.anything() })],
    });
  });

  it('without an access-logs bucket, logs nothing itself and accepts server access logs from the buckets that name it', () => {
    expect(target).not.toHaveResourceWithProperties(S3BucketLoggingA, {});
    const logsPolicy = documentNamed(withLogging, 'logs_policy-document');
    const delivery = (logsPolicy.statement as Json[]).find((s) => s.sid === 'AllowServerAccessLogDelivery')!;
    expect(delivery.principals).toEqual([{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }]);
    expect(delivery.condition[0]).toMatchObject({ test: 'ArnLike', variable: 'aws:SourceArn' });
    expect(delivery.condition[0].values).toEqual([
      expect.stringMatching(/^\$\{aws_s3_bucket\.data_bucket_[0-9A-F]+\.arn\}$/),
      expect.stringMatching(/^\$\{aws_s3_bucket\.more_bucket_[0-9A-F]+\.arn\}$/),
    ]);
  });

  it('with an access-logs bucket, delivers its server access logs there under its own name', () => {
    expect(withLogging).toHaveResourceWithProperties(S3BucketLoggingA, {
      target_prefix: 'data/',
      target_bucket: expect.stringContaining('aws_s3_bucket.logs_bucket'),
    });
  });

  it('grants read and write through named action lists, with the key', () => {
    const granted = synth((stack, key) => {
      const bucket = new SecureBucket(stack, 'data', { bucketName: 'data', encryptionKey: key });
      const role = new IamRole(stack, 'reader', { name: 'reader', assumeRolePolicy: '{}' });
      bucket.grantRead(role);
      bucket.grantWrite(role);
    });
    expect(granted).toHaveResourceWithProperties(IamRolePolicy, {
      name: 'read-data',
      role: '${aws_iam_role.reader.name}',
    });
    const read = documentNamed(granted, 'reader_read-data-document');
    expect(read.statement.map((s: Json) => s.actions)).toEqual([
      ['s3:ListBucket', 's3:GetBucketLocation'],
      ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
      ['kms:Decrypt'],
    ]);
    const write = documentNamed(granted, 'reader_write-data-document');
    expect(write.statement[1].actions).toContain('s3:PutObject');
    expect(write.statement[2]).toMatchObject({
      actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
      resources: ['${aws_kms_key.key.arn}'],
    });
  });

  it('locks versions with Object Lock through its own resource, never by replacing the bucket', () => {
    const locked = synth(
      (stack, key) =>
        new SecureBucket(stack, 'trail', {
          bucketName: 'trail',
          encryptionKey: key,
          objectLock: { mode: 'COMPLIANCE', days: 400, administratorArn: 'arn:aws:iam::1:role/break-glass' },
        }),
    );
    expect(locked).toHaveResourceWithProperties(S3BucketObjectLockConfigurationA, {
      object_lock_enabled: 'Enabled',
      rule: { default_retention: { mode: 'COMPLIANCE', days: 400 } },
    });
    const bucket = Object.values(JSON.parse(locked).resource.aws_s3_bucket as Json)[0] as Json;
    expect(bucket.object_lock_enabled).toBeUndefined();
    expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    expect(target).not.toHaveResource(S3BucketObjectLockConfigurationA);
    const policy = documentNamed(locked, 'trail_policy-document');
    expect((policy.statement as Json[]).find((s) => s.sid === 'OnlyTheAdministratorBypassesRetention')).toMatchObject({
      effect: 'Deny',
      actions: ['s3:BypassGovernanceRetention'],
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: ['arn:aws:iam::1:role/break-glass'] }],
    });
  });

  it('denies uploads with customer-provided keys or a KMS key other than its own', () => {
    const policy = documentNamed(target, 'logs_policy-document');
    const bySid = Object.fromEntries((policy.statement as Json[]).map((s) => [s.sid, s]));
    expect(bySid.DenyCustomerProvidedKeys).toMatchObject({
      effect: 'Deny',
      actions: ['s3:PutObject'],
      condition: [{ test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] }],
    });
    expect(bySid.DenyOtherKmsKeys.condition).toEqual([
      { test: 'Null', variable: 's3:x-amz-server-side-encryption-aws-kms-key-id', values: ['false'] },
      {
        test: 'StringNotEquals',
        variable: 's3:x-amz-server-side-encryption-aws-kms-key-id',
        values: ['${aws_kms_key.key.arn}'],
      },
    ]);
  });

  it('writes only the transitions and expiry its lifecycle names', () => {
    const artifacts = synth(
      (stack, key) => new SecureBucket(stack, 'a', { bucketName: 'a', encryptionKey: key, lifecycle: {} }),
    );
    const rule = (JSON.parse(artifacts).resource.aws_s3_bucket_lifecycle_configuration as Json)[
      Object.keys(JSON.parse(artifacts).resource.aws_s3_bucket_lifecycle_configuration)[0]
    ].rule[0] as Json;
    expect(rule.transition).toBeUndefined();
    expect(rule.expiration).toBeUndefined();
    const chunks = synth(
      (stack, key) =>
        new SecureBucket(stack, 'c', { bucketName: 'c', encryptionKey: key, lifecycle: { expireAfterDays: 7 } }),
    );
    expect(chunks).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: [{ days: 7 }] })],
    });
  });
});
