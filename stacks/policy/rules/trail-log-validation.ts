import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const trailLogValidation: PolicyRule = {
  id: 'trail-log-validation',
  description: 'CloudTrail trails write digest files so tampering with log files can be detected.',
  resourceTypes: ['aws_cloudtrail'],
  check: (trail) =>
    trail.config.enable_log_file_validation === true
      ? COMPLIANT
      : nonCompliant('enable_log_file_validation is not true'),
};
