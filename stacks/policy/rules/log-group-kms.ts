import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const logGroupKms: PolicyRule = {
  id: 'log-group-kms',
  description: 'CloudWatch log groups are encrypted with a KMS key.',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check: (group) => (group.config.kms_key_id ? COMPLIANT : nonCompliant('kms_key_id is not set')),
};
