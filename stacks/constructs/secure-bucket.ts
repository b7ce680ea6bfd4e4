import { Construct } from 'constructs';
import {
  DataAwsIamPolicyDocument,
  type DataAwsIamPolicyDocumentStatement,
  type DataAwsIamPolicyDocumentStatementCondition as PolicyCondition,
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

/**
 * What makes a bucket a target of S3 server access logs. S3 delivers these logs only into a bucket with SSE-S3
 * default encryption and without Object Lock (S3 user guide, "Enabling Amazon S3 server access logging"), so a
 * target gives up the KMS key and the lock, and its bucket policy keeps the logs instead.
 */
export interface AccessLogTarget {
  /**
   * The only principal that may delete log objects or change the bucket's policy, lifecycle, versioning or
   * encryption (the break-glass role). It must exist when the policy is applied.
   */
  readonly administratorArn: string;
}

interface BucketBasics {
  /** Globally unique bucket name. */
  readonly bucketName: string;
  /**
   * Bucket that receives this bucket's server access logs, under `<bucketName>/`; it must be an access-log target.
   * @default none: this bucket logs nothing
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

/** A bucket encrypted with its own KMS key: every bucket but the access-log targets. */
interface KmsEncryptedBucket extends BucketBasics {
  /** Key of the SSE-KMS default encryption. */
  readonly encryptionKey: KmsKey;
  /**
   * An S3 Bucket Key, which cuts KMS requests (and cost) for busy buckets. Off for CloudTrail trail buckets:
   * CloudTrail requires `kms:Decrypt` to create or update a trail whose bucket uses one, and nobody but the
   * log readers may decrypt the archive. Without it each object costs its own KMS request, few for a trail.
   * @default true
   */
  readonly bucketKey?: boolean;
  readonly accessLogTarget?: undefined;
}

/**
 * A bucket that receives S3 server access logs: SSE-S3, no Object Lock, no KMS key, and no access logging of its
 * own (its logs would log their own delivery without end). It accepts the logs of the buckets that name it.
 */
interface AccessLogTargetBucket extends BucketBasics {
  readonly accessLogTarget: AccessLogTarget;
  readonly encryptionKey?: undefined;
  readonly bucketKey?: undefined;
}

export type SecureBucketProps = KmsEncryptedBucket | AccessLogTargetBucket;

/** Noncurrent versions only guard against mistakes; a quarter is enough to notice one. */
const NONCURRENT_VERSION_DAYS = 90;
const ABORT_INCOMPLETE_UPLOAD_DAYS = 7;

/**
 * An S3 bucket that is secure with no options: SSE-KMS (with an S3 Bucket Key unless turned off), versioning,
 * all four public-access blocks, object ownership enforced (no ACLs), a policy that denies every request without
 * TLS and every upload with SSE-C, SSE-S3 or another key, server access logging and a lifecycle that cleans up
 * incomplete uploads and old versions. Nothing of this can be turned off; Object Lock can be turned on.
 *
 * An access-log target (`accessLogTarget`) is the one exception S3 forces: SSE-S3 instead of SSE-KMS, never
 * Object Lock, and in place of the lock a policy that lets only its administrator delete logs or loosen the bucket.
 */
export class SecureBucket extends Construct {
  readonly bucket: S3Bucket;
  /** The SSE-KMS key; none for an access-log target, which S3 requires to be SSE-S3. */
  readonly encryptionKey?: KmsKey;
  readonly bucketName: string;
  readonly arn: string;
  /** The bucket policy; services that check it on creation (CloudTrail) depend on it. */
  readonly policy: S3BucketPolicy;
  private readonly policyStatements: DataAwsIamPolicyDocumentStatement[] = [];
  private readonly policyDocument: DataAwsIamPolicyDocument;
  private readonly accessLogSources: string[] = [];
  private readonly accessLogTarget?: AccessLogTarget;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    checkAccessLogTarget(props);
    this.encryptionKey = props.encryptionKey;
    this.accessLogTarget = props.accessLogTarget;
    this.bucket = new S3Bucket(this, 'bucket', {
      bucket: props.bucketName,
      // Evidence outlives a `terraform destroy`: removing it takes an edit an admin reviews.
      lifecycle: (props.objectLock ?? props.accessLogTarget) && { preventDestroy: true },
    });
    this.bucketName = this.bucket.bucket;
    this.arn = this.bucket.arn;
    const bucket = this.bucket.id;

    const ownership = new S3BucketOwnershipControls(this, 'ownership', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'public-access-block', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    const encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'encryption', {
      bucket,
      rule: [
        props.encryptionKey
          ? {
              applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.encryptionKey.arn },
              bucketKeyEnabled: props.bucketKey ?? true,
            }
          : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } },
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
    const lifecycle = new S3BucketLifecycleConfiguration(this, 'lifecycle', {
      bucket,
      rule: [lifecycleRule(props.lifecycle, Boolean(props.accessLogTarget), props.objectLock?.days)],
    });

    this.policyDocument = new DataAwsIamPolicyDocument(this, 'policy-document', {});
    this.policy = new S3BucketPolicy(this, 'policy', {
      bucket,
      policy: this.policyDocument.json,
      // A target's policy denies changing these settings to all but the administrator: it goes on last, so the
      // role that creates the bucket can still write them once.
      dependsOn: props.accessLogTarget && [ownership, publicAccessBlock, encryption, versioning, lifecycle],
    });
    this.denyToEveryone(
      'DenyInsecureTransport',
      ['s3:*'],
      [this.arn, `${this.arn}/*`],
      [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
    );
    if (this.encryptionKey) this.denyForeignEncryption(this.encryptionKey);
    else this.denyEncryptionOtherThanS3Managed();
    if (props.accessLogTarget) this.denyErasureToAllBut(props.accessLogTarget.administratorArn);
    if (props.objectLock) {
      this.denyToEveryone(
        'OnlyTheAdministratorBypassesRetention',
        ['s3:BypassGovernanceRetention'],
        [`${this.arn}/*`],
        [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [props.objectLock.administratorArn] }],
      );
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
   * here could read or audit, uploads that ask for SSE-S3 (`AES256`), which would keep data outside the key,
   * and uploads naming another KMS key are denied. Uploads that name no encryption get the default. A writer
   * that falls back to SSE-S3 when it cannot use the key (Redshift UNLOAD with ENCRYPTED AUTO) fails loudly.
   */
  private denyForeignEncryption(key: KmsKey): void {
    this.denyCustomerProvidedKeys();
    this.denyUploads('DenyS3ManagedEncryption', [
      { test: 'StringEquals', variable: 's3:x-amz-server-side-encryption', values: ['AES256'] },
    ]);
    const keyHeader = 's3:x-amz-server-side-encryption-aws-kms-key-id';
    this.denyUploads('DenyOtherKmsKeys', [
      { test: 'Null', variable: keyHeader, values: ['false'] },
      { test: 'StringNotEquals', variable: keyHeader, values: [key.arn] },
    ]);
  }

  /**
   * An access-log target keeps objects as the logging service writes them, under SSE-S3: uploads that ask for
   * SSE-C or for any KMS encryption (`aws:kms`, `aws:kms:dsse`) are denied. Uploads that name no encryption get
   * the default.
   */
  private denyEncryptionOtherThanS3Managed(): void {
    this.denyCustomerProvidedKeys();
    const header = 's3:x-amz-server-side-encryption';
    this.denyUploads('DenyKmsEncryptedUploads', [
      { test: 'Null', variable: header, values: ['false'] },
      { test: 'StringNotEquals', variable: header, values: ['AES256'] },
    ]);
  }

  /** Customer-provided keys (SSE-C): nobody here could read or audit such objects. */
  private denyCustomerProvidedKeys(): void {
    this.denyUploads('DenyCustomerProvidedKeys', [
      { test: 'Null', variable: 's3:x-amz-server-side-encryption-customer-algorithm', values: ['false'] },
    ]);
  }

  /**
   * What Object Lock would guarantee, as far as a bucket policy can: nobody but the administrator deletes log
   * objects or versions, or changes what keeps them (lifecycle, versioning, the policy itself, encryption, Object
   * Lock, public access, ownership), nor deletes the bucket. Lifecycle expiry is done by S3 itself and is not
   * subject to the bucket policy, so the configured retention still applies.
   */
  private denyErasureToAllBut(administratorArn: string): void {
    this.denyToEveryone(
      'OnlyTheAdministratorErasesLogs',
      ACCESS_LOG_GUARDED_ACTIONS,
      [this.arn, `${this.arn}/*`],
      [{ test: 'ArnNotEquals', variable: 'aws:PrincipalArn', values: [administratorArn] }],
    );
  }

  /** Denies every upload into the bucket that meets `condition`. */
  private denyUploads(sid: string, condition: PolicyCondition[]): void {
    this.denyToEveryone(sid, ['s3:PutObject'], [`${this.arn}/*`], condition);
  }

  private denyToEveryone(sid: string, actions: string[], resources: string[], condition: PolicyCondition[]): void {
    this.addToResourcePolicy({
      sid,
      effect: 'Deny',
      principals: [{ type: 'AWS', identifiers: ['*'] }],
      actions,
      resources,
      condition,
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
        // SSE-S3 objects need no key permission.
        ...(this.encryptionKey
          ? [{ sid: 'EncryptionKey', actions: keyActions, resources: [this.encryptionKey.arn] }]
          : []),
      ],
    });
    return new IamRolePolicy(role, id, { name: id, role: role.name, policy: document.json });
  }

  /** Lets S3 deliver the source bucket's server access logs here, and only for the buckets that name this one. */
  private acceptAccessLogsFrom(source: SecureBucket): void {
    if (!this.accessLogTarget)
      throw new Error(
        `${source.node.path}: ${this.node.path} cannot receive server access logs: S3 delivers them only into ` +
          'buckets with SSE-S3 default encryption and without Object Lock; create it with accessLogTarget',
      );
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

/**
 * What an access-log target's policy denies to everyone but its administrator: deleting logs and the bucket, and
 * every setting whose change would let logs be erased, exposed or no longer delivered.
 */
const ACCESS_LOG_GUARDED_ACTIONS = [
  's3:DeleteObject',
  's3:DeleteObjectVersion',
  's3:DeleteBucket',
  's3:PutLifecycleConfiguration',
  's3:PutBucketVersioning',
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutEncryptionConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketOwnershipControls',
];

/** Fails synth, naming the AWS constraint, on a target that could not receive server access logs. */
function checkAccessLogTarget(props: SecureBucketProps): void {
  if (!props.accessLogTarget) return;
  const cannot = (what: string, why: string) => {
    throw new Error(`SecureBucket ${props.bucketName}: an access-log target cannot ${what}: ${why}`);
  };
  const s3Requires = 'S3 delivers server access logs only into buckets with SSE-S3 default encryption';
  if (props.objectLock)
    cannot('have Object Lock', 'S3 does not deliver server access logs into a bucket with Object Lock');
  if (props.encryptionKey) cannot('take a KMS key', `${s3Requires}, not SSE-KMS`);
  if (props.accessLogsBucket) cannot('log its own access', 'each delivery would log itself without end');
}

/**
 * Incomplete uploads are aborted and old versions expire. An access-log target keeps old versions as long as
 * current ones (for ever when they never expire): without Object Lock, an overwrite must not shorten a log's life.
 * Under Object Lock no version expires before its retention ends, so the rule says the retention, not less.
 */
function lifecycleRule(lifecycle: BucketLifecycle = {}, keepOldVersions = false, lockedDays = 0) {
  const noncurrentDays = keepOldVersions ? lifecycle.expireAfterDays : Math.max(NONCURRENT_VERSION_DAYS, lockedDays);
  return {
    id: 'retention',
    status: 'Enabled',
    filter: [{ prefix: '' }],
    abortIncompleteMultipartUpload: [{ daysAfterInitiation: ABORT_INCOMPLETE_UPLOAD_DAYS }],
    ...(noncurrentDays !== undefined && { noncurrentVersionExpiration: [{ noncurrentDays }] }),
    ...(lifecycle.transitions?.length && { transition: lifecycle.transitions.map((t) => ({ ...t })) }),
    ...(lifecycle.expireAfterDays !== undefined && { expiration: [{ days: lifecycle.expireAfterDays }] }),
  };
}
