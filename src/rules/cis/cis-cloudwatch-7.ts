import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.7: Disable / schedule deletion of CMKs (3.7 / 4.7).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch7: Rule = {
  id: 'cis-cloudwatch-7',
  severity: 'high',
  title: 'KMS key disabled or scheduled for deletion',
  references: ['cis:CloudWatch.7'],
  filterPattern:
    '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'KmsKeyDisabledOrScheduledForDeletion' },
  positives: [apiCall('kms', 'DisableKey'), apiCall('kms', 'ScheduleKeyDeletion')],
  negatives: [
    apiCall('kms', 'DescribeKey', { readOnly: true }),
    apiCall('kms', 'DisableKey', { userIdentity: awsService('cloudformation') }),
    apiCall('ec2', 'DisableKey'),
  ],
};
