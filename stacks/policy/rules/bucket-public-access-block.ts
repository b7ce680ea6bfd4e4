import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

const BLOCKS = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];

export const bucketPublicAccessBlock: PolicyRule = {
  id: 'bucket-public-access-block',
  description: 'S3 buckets turn on all four public-access blocks.',
  resourceTypes: ['aws_s3_bucket'],
  check(bucket, stack) {
    const block = stack.referencing(bucket, 'aws_s3_bucket_public_access_block')[0];
    if (!block) return nonCompliant('has no aws_s3_bucket_public_access_block');
    const off = BLOCKS.filter((setting) => block.config[setting] !== true);
    return off.length === 0 ? COMPLIANT : nonCompliant(`public-access block leaves ${off.join(', ')} off`);
  },
};
