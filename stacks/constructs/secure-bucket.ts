import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
} from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import {
  BUCKET_LIST_ACTIONS,
  KEY_DECRYPT_ACTIONS,
  KEY_ENCRYPT_ACTIONS,
  OBJECT_READ_ACTIONS,
  OBJECT_WRITE_ACTIONS,
} from './bucket-actions';

/** One change of storage class of current objects. */
export interface StorageTransition {
  readonly days: number;
  /** S3 storage class, e.g. `STANDARD_IA`, `GLACIER_IR`, `GLACIER`, `DEEP_ARCHIVE`. */
  readonly storageClass: string;
}

/** When current objects change storage class and when they are deleted. */
export interface BucketLifecycle {
  /** Storage class changes, in order of days. @default none: objects stay in S3 Standard */
  readonly transitions?: readonly StorageTransition[];
  /** Days until current objects are deleted. @default never */
  readonly expireAfterDays?: number;
}

/** S3 Object Lock default retention: every new object version is locked this long. */
export interface BucketObjectLock {
  /** `GOVERNANCE` (only principals allowed s3:BypassGovernanceRetention may shorten it) or `COMPLIANCE` (nobody). */
  readonly mode: 'GOVERNANCE' | 'COMPLIANCE';
  readonly days: number;
  /** The only principal the bucket policy lets bypass governance retention (the break-glass role). */
  readonly administratorArn: string;
}

export interface SecureBucketProps {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /** Key of the SSE-KMS default encryption (with an S3 bucket key, which cuts KMS requests). */
  readonly encryptionKey: KmsKey;
  /**
   * Bucket that receives this bucket's server access logs, under `<bucketName>/`.
   * @default none: this bucket is the access-logs target. It accepts the logs of the buckets that name it and
   * logs nothing itself, because its own access logs would log their own delivery without end.
   */
  readonly accessLogsBucket?: SecureBucket;
  /** Storage class transitions and expiry of current objects. @default objects stay in S3 Standard for ever */
  readonly lifecycle?: BucketLifecycle;
  /**
   * Object Lock default retention, enabled on the existing bucket through its own resource (setting
   * `object_lock_enabled` on the bucket would replace it), and `prevent_destroy` on the bucket.
   * @default no Object Lock
   */
  readonly objectLock?: BucketObjectLock;
}

/** Noncurrent versions only guard against mistakes; a quarter is enough to notice one. */
const NONCURRENT_VERSION_DAYS = 90;
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * An S3 bucket that is secure with no options: SSE-KMS with a bucket key, versioning, all four public-access
 * blocks, object ownership enforced (no ACLs), a policy that denies every request without TLS and every upload
 * with SSE-C or another key, server access logging and a lifecycle that cleans up incomplete uploads and old
 * versions. Nothing of this can be turned off; Object Lock can be turned on.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  readonly encryptionKey: KmsKey;
  readonly bucketName: string;
  readonly arn: string;
  /** The bucket policy; services that check it on creation (CloudTrail) depend on it. */
  readonly policy: S3BucketPolicy;
  private readonly policyStatements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly accessLogSources: string[] = [];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      // Locked evidence outlives a `terraform destroy`: removing it takes an edit an admin reviews.
      lifecycle: props.objectLock && { preventDestroy: true },
    });
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;

    new S3BucketOwnershipControls(this, 'ownership', { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.arn },
          bucketKeyEnabled: true,
        },
      ],
    });
    const versioning = new S3BucketVersioningA(this, 'versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'object-lock', {
        bucket,
        objectLockEnabled: 'Enabled',
        rule: { defaultRetention: { mode: props.objectLock.mode, days: props.objectLock.days } },
        // S3 enables Object Lock on an existing bucket only once versioning is on.
        dependsOn: [versioning],
      });
    }
    new S3BucketLifecycleConfiguration(this, 'lifecycle', { bucket, rule: [lifecycleRule(props.lifecycle)] });

    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {});
    this.policy = new S3BucketPolicy(this, 'policy', { bucket, policy: this.policyDocument.json });
    this.addToResourcePolicy({
      sid: 'DenyInsecureTransport',
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:*'],
      resources: [this.arn, `${this.arn}/*`],
      condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    });
    this.denyForeignEncryption();
    if (props.objectLock) {
      this.addToResourcePolicy({
        sid: 'OnlyTheAdministratorBypassesRetention',
        effect: 'Deny',
        principals: [{ type: 'AWS', identifiers: ['*'] }],
        actions: ['s3:BypassGovernanceRetention'],
        resources: [`${this.arn}/*`],
        condition: [
          { test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [props.objectLock.administratorArn] },
        ],
      });
    }

    if (props.accessLogsBucket) {
      new S3BucketLoggingA(this, 'access-logging', {
        bucket,
        targetBucket: props.accessLogsBucket.bucket.id,
        targetPrefix: `${props.bucketName}/`,
      });
      props.accessLogsBucket.acceptAccessLogsFrom(this);
    }
  }

  /**
   * Objects are encrypted with the bucket's key only: uploads with customer-provided keys (SSE-C), which nobody
   * here could read or audit, and uploads naming another KMS key are denied. Uploads that name no key get the
   * default encryption.
   */
  private denyForeignEncryption(): void {
    const uploads = {
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions: ['s3:PutObject'],
      resources: [`${this.arn}/*`],
    };
    this.addToResourcePolicy({
      ...uploads,
      sid: 'DenyCustomerProvidedKeys',
      condition: [{ test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] }],
    });
    const keyHeader = 's3:x-amz-server-side-encryption-aws-kms-key-id';
    this.addToResourcePolicy({
      ...uploads,
      sid: 'DenyOtherKmsKeys',
      condition: [
        { test: 'Null', variable: keyHeader, values: ['false'] },
        { test: 'StringNotEquals', variable: keyHeader, values: [this.encryptionKey.arn] },
      ],
    });
  }

  /** Adds a statement to the bucket policy (after the TLS-only deny). */
  addToResourcePolicy(statement: DataAwsIamPolicyDocumentStatement): void {
    this.policyStatements.push(statement);
    this.policyDocument.putStatement(this.policyStatements);
  }

  /** Lets the role list the bucket and read its objects (and decrypt them). */
  grantRead(role: IamRole): IamRolePolicy {
    return this.grant(role, 'read', OBJECT_READ_ACTIONS, KEY_DECRYPT_ACTIONS);
  }

  /** Lets the role list the bucket and write objects (and encrypt them). */
  grantWrite(role: IamRole): IamRolePolicy {
    return this.grant(role, 'write', OBJECT_WRITE_ACTIONS, KEY_ENCRYPT_ACTIONS);
  }

  private grant(role: IamRole, access: string, objectActions: string[], keyActions: string[]): IamRolePolicy {
    const id = `${access}-${this.node.id}`;
    const document = new DataAwsIamPolicyDocument(role, `${id}-document`, {
      statement: [
        { sid: 'ListBucket', actions: BUCKET_LIST_ACTIONS, resources: [this.arn] },
        { sid: 'Objects', actions: objectActions, resources: [`${this.arn}/*`] },
        { sid: 'EncryptionKey', actions: keyActions, resources: [this.encryptionKey.arn] },
      ],
    });
    return new IamRolePolicy(role, id, { name: id, role: role.name, policy: document.json });
  }

  /** Lets S3 deliver the source bucket's server access logs here, and only for the buckets that name this one. */
  private acceptAccessLogsFrom(source: SecureBucket): void {
    this.accessLogSources.push(source.arn);
    // One statement whose condition holds the growing list; it is rendered at synth, after every source exists.
    if (this.accessLogSources.length > 1) return;
    this.addToResourcePolicy({
      sid: 'AllowServerAccessLogDelivery',
      effect: 'Allow',
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      actions: ['s3:PutObject'],
      resources: [`${this.arn}/*`],
      condition: [{ test: 'ArnLike', variable: 'aws:SourceArn', values: this.accessLogSources }],
    });
  }
}

function lifecycleRule(lifecycle: BucketLifecycle = {}) {
  return {
    id: 'retention',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
    noncurrentVersionExpiration: [{ noncurrentDays: NONCURRENT_VERSION_DAYS }],
    ...(lifecycle.transitions?.length && { transition: lifecycle.transitions.map((t) => ({ ...t })) }),
    ...(lifecycle.expireAfterDays !== undefined && { expiration: [{ days: lifecycle.expireAfterDays }] }),
  };
}
