import { bucketKmsEncryption } from './rules/bucket-kms-encryption';
import { bucketPublicAccessBlock } from './rules/bucket-public-access-block';
import { bucketTlsOnly } from './rules/bucket-tls-only';
import { bucketVersioning } from './rules/bucket-versioning';
import { iamNoWildcardAction } from './rules/iam-no-wildcard-action';
import { iamNoWildcardResourceWrite } from './rules/iam-no-wildcard-resource-write';
import { logGroupKms } from './rules/log-group-kms';
import { logGroupRetention } from './rules/log-group-retention';
import { queueKms } from './rules/queue-kms';
import { securityGroupOpenIngress } from './rules/security-group-open-ingress';
import { topicKms } from './rules/topic-kms';
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
  logGroupRetention,
  logGroupKms,
  topicKms,
  queueKms,
  iamNoWildcardAction,
  iamNoWildcardResourceWrite,
  securityGroupOpenIngress,
];
