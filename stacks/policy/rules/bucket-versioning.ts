import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const bucketVersioning: PolicyRule = {
  id: 'bucket-versioning',
  description: 'S3 buckets keep object versions, so an overwrite or delete can be undone.',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, stack) {
    const enabled = stack
      .referencing(bucket, 'aws_s3_bucket_versioning')
      .some((v) => ((v.config.versioning_configuration ?? {}) as { status?: string }).status === 'Enabled');
    return enabled
      ? COMPLIANT
      : nonCompliant('versioning is not enabled (aws_s3_bucket_versioning with status Enabled)');
  },
};
