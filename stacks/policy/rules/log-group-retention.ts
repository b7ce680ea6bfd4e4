import { COMPLIANT, nonCompliant, type PolicyRule } from '../types';

export const logGroupRetention: PolicyRule = {
  id: 'log-group-retention',
  description: 'CloudWatch log groups have a retention period (never "keep for ever" by omission).',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check(group) {
    const days = group.config.retention_in_days;
    return typeof days === 'number' && days > 0 ? COMPLIANT : nonCompliant('retention_in_days is not set');
  },
};
