import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const trailKms: PolicyRule = {
  id: 'trail-kms',
  description: 'CloudTrail trails encrypt log files with a KMS key.',
  resourceTypes: ['aws_cloudtrail'],
  check: (trail) => (trail.config.kms_key_id ? COMPLIANT : nonCompliant('kms_key_id is not set')),
};
