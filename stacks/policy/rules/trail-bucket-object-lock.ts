import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type PolicyRule } from '../types';

export const trailBucketObjectLock: PolicyRule = {
  id: 'trail-bucket-object-lock',
  description:
    'Buckets that receive CloudTrail logs lock every version by default (aws_s3_bucket_object_lock_configuration with a default retention); object_lock_enabled on the bucket itself would replace it.',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, stack) {
    if (bucket.config.object_lock_enabled !== undefined)
      return nonCompliant(
        'object_lock_enabled replaces an existing bucket; use aws_s3_bucket_object_lock_configuration',
      );
    const receivesTrail = stack.referencing(bucket, 'aws_cloudtrail', 's3_bucket_name').length > 0;
    if (!receivesTrail) return NOT_APPLICABLE;
    const locked = stack.referencing(bucket, 'aws_s3_bucket_object_lock_configuration').some((lock) => {
      const rule = (lock.config.rule ?? {}) as { default_retention?: { days?: number; years?: number } };
      return (
        lock.config.object_lock_enabled === 'Enabled' &&
        Boolean(rule.default_retention?.days ?? rule.default_retention?.years)
      );
    });
    return locked ? COMPLIANT : nonCompliant('receives CloudTrail logs without Object Lock default retention');
  },
};
