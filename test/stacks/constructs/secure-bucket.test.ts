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
import { SecureBucket, type SecureBucketProps } from '../../../stacks/constructs/secure-bucket';

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

const BREAK_GLASS = 'arn:aws:iam::1:role/break-glass';
const accessLogTarget = { administratorArn: BREAK_GLASS };

describe('SecureBucket', () => {
  const plain = synth((stack, key) => new SecureBucket(stack, 'data', { bucketName: 'data', encryptionKey: key }));
  const target = synth(
    (stack) =>
      new SecureBucket(stack, 'logs', { bucketName: 'logs', accessLogTarget, lifecycle: { expireAfterDays: 400 } }),
  );
  const withLogging = synth((stack, key) => {
    const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', accessLogTarget });
    new SecureBucket(stack, 'data', { bucketName: 'data', encryptionKey: key, accessLogsBucket: logs });
    new SecureBucket(stack, 'more', { bucketName: 'more', encryptionKey: key, accessLogsBucket: logs });
  });

  it('is secure with no options: SSE-KMS with a bucket key, versioning, public-access blocks, no ACLs', () => {
    expect(plain).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
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
    expect(plain).toHaveResourceWithProperties(S3BucketVersioningA, {
      versioning_configuration: { status: 'Enabled' },
    });
    expect(plain).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(plain).toHaveResourceWithProperties(S3BucketOwnershipControls, {
      rule: { object_ownership: 'BucketOwnerEnforced' },
    });
  });

  it('turns the S3 Bucket Key off when asked (trail buckets: CloudTrail would need kms:Decrypt)', () => {
    const noBucketKey = synth(
      (stack, key) => new SecureBucket(stack, 'trail', { bucketName: 'trail', encryptionKey: key, bucketKey: false }),
    );
    expect(noBucketKey).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [
        {
          apply_server_side_encryption_by_default: {
            sse_algorithm: 'aws:kms',
            kms_master_key_id: '${aws_kms_key.key.arn}',
          },
          bucket_key_enabled: false,
        },
      ],
    });
  });

  it.each([
    ['a KMS-encrypted bucket', plain],
    ['an access-log target', target],
  ])('denies every request without TLS to %s', (_, synthesized) => {
    expect(synthesized).toHaveDataSourceWithProperties(DataAwsIamPolicyDocument, {
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
    expect(plain).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [
        expect.objectContaining({
          abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
          noncurrent_version_expiration: [{ noncurrent_days: 90 }],
        }),
      ],
    });
    expect(plain).not.toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ expiration: expect.anything() })],
    });
  });

  it('as an access-log target, logs nothing itself and accepts server access logs from the buckets that name it', () => {
    expect(target).not.toHaveResourceWithProperties(S3BucketLoggingA, {});
    expect(plain).not.toHaveResourceWithProperties(S3BucketLoggingA, {});
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
    expect(plain).not.toHaveResource(S3BucketObjectLockConfigurationA);
    const policy = documentNamed(locked, 'trail_policy-document');
    expect((policy.statement as Json[]).find((s) => s.sid === 'OnlyTheAdministratorBypassesRetention')).toMatchObject({
      effect: 'Deny',
      actions: ['s3:BypassGovernanceRetention'],
      condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: ['arn:aws:iam::1:role/break-glass'] }],
    });
    // No version can expire under retention, so the rule says the retention instead of a shorter time it cannot keep.
    expect(locked).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 400 }] })],
    });
  });

  it('denies uploads that ask for SSE-S3, so a writer falling back from the key fails instead of writing outside it', () => {
    const policy = documentNamed(plain, 'data_policy-document');
    const bySid = Object.fromEntries((policy.statement as Json[]).map((s) => [s.sid, s]));
    expect(bySid.DenyS3ManagedEncryption).toMatchObject({
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:PutObject'],
      resources: [expect.stringMatching(/\.arn\}\/\*$/)],
      condition: [{ test: 'StringEquals', variable: 's3:x-amz-server-side-encryption', values: ['AES256'] }],
    });
    // An access-log target is SSE-S3 by necessity: it denies the opposite.
    const targetPolicy = documentNamed(target, 'logs_policy-document');
    expect((targetPolicy.statement as Json[]).map((s) => s.sid)).not.toContain('DenyS3ManagedEncryption');
  });

  it('denies uploads with customer-provided keys or a KMS key other than its own', () => {
    const policy = documentNamed(plain, 'data_policy-document');
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

  describe('as a server access log target', () => {
    const policy = () => documentNamed(target, 'logs_policy-document');
    const bySid = () => Object.fromEntries((policy().statement as Json[]).map((s) => [s.sid, s]));

    it('is SSE-S3 without Object Lock (S3 delivers into nothing else), still versioned, private and ACL-free', () => {
      expect(target).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
        rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
      });
      expect(target).not.toContain('aws:kms');
      expect(target).not.toHaveResource(S3BucketObjectLockConfigurationA);
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
      const bucket = Object.values(JSON.parse(target).resource.aws_s3_bucket as Json)[0] as Json;
      expect(bucket.lifecycle).toEqual({ prevent_destroy: true });
    });

    it('denies uploads that ask for SSE-C or any KMS encryption, so objects stay as the logging service writes them', () => {
      expect(bySid().DenyCustomerProvidedKeys).toMatchObject({ effect: 'Deny', actions: ['s3:PutObject'] });
      expect(bySid().DenyKmsEncryptedUploads).toMatchObject({
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['s3:PutObject'],
        condition: [
          { test: 'Null', variable: 's3:x-amz-server-side-encryption', values: ['false'] },
          { test: 'StringNotEquals', variable: 's3:x-amz-server-side-encryption', values: ['AES256'] },
        ],
      });
      expect(bySid().DenyOtherKmsKeys).toBeUndefined();
    });

    it('lets nobody but its administrator delete logs, the bucket, or change what keeps the logs', () => {
      expect(bySid().OnlyTheAdministratorErasesLogs).toMatchObject({
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: expect.arrayContaining([
          's3:DeleteObject',
          's3:DeleteObjectVersion',
          's3:DeleteBucket',
          's3:PutLifecycleConfiguration',
          's3:PutBucketVersioning',
          's3:PutBucketPolicy',
          's3:DeleteBucketPolicy',
          's3:PutEncryptionConfiguration',
          's3:PutBucketObjectLockConfiguration',
        ]),
        resources: [expect.stringMatching(/\.arn\}$/), expect.stringMatching(/\.arn\}\/\*$/)],
        condition: [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [BREAK_GLASS] }],
      });
      // Lifecycle expiry is S3's own doing, outside the bucket policy: the retention still runs.
      expect(target).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: [expect.objectContaining({ expiration: [{ days: 400 }] })],
      });
    });

    it('applies that policy after the settings it freezes, so the creating role can still write them once', () => {
      const [bucketPolicy] = Object.values(JSON.parse(target).resource.aws_s3_bucket_policy as Json) as Json[];
      expect([...bucketPolicy.depends_on].map((ref: string) => ref.split('.')[0]).sort()).toEqual([
        'aws_s3_bucket_lifecycle_configuration',
        'aws_s3_bucket_ownership_controls',
        'aws_s3_bucket_public_access_block',
        'aws_s3_bucket_server_side_encryption_configuration',
        'aws_s3_bucket_versioning',
      ]);
    });

    it('keeps overwritten versions as long as current ones, since no lock protects them', () => {
      expect(target).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
        rule: [expect.objectContaining({ noncurrent_version_expiration: [{ noncurrent_days: 400 }] })],
      });
    });

    it('grants reads without a key: SSE-S3 objects need none', () => {
      const granted = synth((stack) => {
        const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', accessLogTarget });
        logs.grantRead(new IamRole(stack, 'reader', { name: 'reader', assumeRolePolicy: '{}' }));
      });
      const read = documentNamed(granted, 'reader_read-logs-document');
      expect(read.statement.map((s: Json) => s.sid)).toEqual(['ListBucket', 'Objects']);
    });
  });

  describe('refuses, naming the AWS constraint,', () => {
    /** A bucket named x with these props; `accessLogsBucket: true` has it log into a proper target. */
    const build = (props: Json) => () =>
      synth((stack) => {
        const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', accessLogTarget });
        const x = { bucketName: 'x', ...props, accessLogsBucket: props.accessLogsBucket && logs };
        new SecureBucket(stack, 'x', x as SecureBucketProps);
      });
    const lock = { mode: 'GOVERNANCE', days: 30, administratorArn: BREAK_GLASS };

    it('an access-log target with Object Lock', () => {
      expect(build({ accessLogTarget, objectLock: lock })).toThrow(
        'SecureBucket x: an access-log target cannot have Object Lock: S3 does not deliver server access logs into a bucket with Object Lock',
      );
    });

    it('an access-log target with a KMS key', () => {
      expect(() =>
        synth(
          (stack, key) =>
            // The types refuse this too; synth must refuse it for plain JavaScript and casts.
            new SecureBucket(stack, 'x', {
              bucketName: 'x',
              accessLogTarget,
              encryptionKey: key,
            } as unknown as SecureBucketProps),
        ),
      ).toThrow(
        'SecureBucket x: an access-log target cannot take a KMS key: S3 delivers server access logs only into buckets with SSE-S3 default encryption, not SSE-KMS',
      );
    });

    it('an access-log target that logs its own access', () => {
      expect(build({ accessLogTarget, accessLogsBucket: true })).toThrow(
        'an access-log target cannot log its own access',
      );
    });

    it('server access logs into a bucket that is not an access-log target', () => {
      expect(() =>
        synth((stack, key) => {
          const logs = new SecureBucket(stack, 'logs', { bucketName: 'logs', encryptionKey: key });
          new SecureBucket(stack, 'data', { bucketName: 'data', encryptionKey: key, accessLogsBucket: logs });
        }),
      ).toThrow(
        /logs cannot receive server access logs: S3 delivers them only into buckets with SSE-S3 default encryption and without Object Lock/,
      );
    });
  });
});
