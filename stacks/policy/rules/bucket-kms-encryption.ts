import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';
import { logDeliveriesInto } from './log-delivery-target';

export const bucketKmsEncryption: PolicyRule = {
  id: 'bucket-kms-encryption',
  description:
    'S3 buckets encrypt new objects by default with SSE-KMS and a named key; buckets AWS services deliver logs into must be SSE-S3 instead (log-delivery-target).',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, stack) {
    if (logDeliveriesInto(bucket, stack).length > 0) return NOT_APPLICABLE;
    const rules = stack.referencing(bucket, 'aws_s3_bucket_server_side_encryption_configuration').flatMap(
      (config) =>
        (config.config.rule ?? []) as {
          apply_server_side_encryption_by_default?: { sse_algorithm?: string; kms_master_key_id?: string };
        }[],
    );
    const kms = rules.some((rule) => {
      const sse = rule.apply_server_side_encryption_by_default;
      return (
        (sse?.sse_algorithm === 'aws:kms' || sse?.sse_algorithm === 'aws:kms:dsse') && Boolean(sse.kms_master_key_id)
      );
    });
    return kms
      ? COMPLIANT
      : nonCompliant('no default SSE-KMS encryption with a key (aws_s3_bucket_server_side_encryption_configuration)');
  },
};
