import { bucketKmsEncryption } from './rules/bucket-kms-encryption';
import { bucketPublicAccessBlock } from './rules/bucket-public-access-block';
import { bucketTlsOnly } from './rules/bucket-tls-only';
import { bucketVersioning } from './rules/bucket-versioning';
import { iamNoWildcardAction } from './rules/iam-no-wildcard-action';
import { iamNoBroadManagedPolicy } from './rules/iam-no-broad-managed-policy';
import { iamNoRegionOnlyScope } from './rules/iam-no-region-only-scope';
import { iamNoWildcardResourceWrite } from './rules/iam-no-wildcard-resource-write';
import { iamPolicySize } from './rules/iam-policy-size';
import { iamPassRoleScoped } from './rules/iam-pass-role-scoped';
import { iamRoleChangesNeedBoundary } from './rules/iam-role-changes-need-boundary';
import { iamRolePermissionsBoundary } from './rules/iam-role-permissions-boundary';
import { iamS3PrefixNeedsAccount } from './rules/iam-s3-prefix-needs-account';
import { kmsKeySeparatedDuties } from './rules/kms-key-separated-duties';
import { logDeliveryTarget } from './rules/log-delivery-target';
import { logGroupKms } from './rules/log-group-kms';
import { logGroupRetention } from './rules/log-group-retention';
import { queueKms } from './rules/queue-kms';
import { securityGroupOpenIngress } from './rules/security-group-open-ingress';
import { topicKms } from './rules/topic-kms';
import { trailBucketObjectLock } from './rules/trail-bucket-object-lock';
import { trailKms } from './rules/trail-kms';
import { trailLogValidation } from './rules/trail-log-validation';
import type { PolicyRule } from './types';

/** The baseline every stack must meet; one rule per file under rules/. */
export const BASELINE_PACK: readonly PolicyRule[] = [
  bucketKmsEncryption,
  bucketVersioning,
  bucketPublicAccessBlock,
  bucketTlsOnly,
  trailLogValidation,
  trailKms,
  trailBucketObjectLock,
  logDeliveryTarget,
  logGroupRetention,
  logGroupKms,
  topicKms,
  queueKms,
  iamNoWildcardAction,
  iamNoWildcardResourceWrite,
  iamNoRegionOnlyScope,
  iamS3PrefixNeedsAccount,
  iamRolePermissionsBoundary,
  iamRoleChangesNeedBoundary,
  iamPassRoleScoped,
  iamNoBroadManagedPolicy,
  iamPolicySize,
  kmsKeySeparatedDuties,
  securityGroupOpenIngress,
];
