import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.5: CloudTrail configuration changes (3.5 / 4.5).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch5: Rule = {
  id: 'cis-cloudwatch-5',
  severity: 'high',
  title: 'CloudTrail configuration changed',
  references: ['cis:CloudWatch.5'],
  filterPattern:
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'CloudTrailConfigurationChanges' },
  positives: [
    apiCall('cloudtrail', 'CreateTrail'),
    apiCall('cloudtrail', 'UpdateTrail'),
    apiCall('cloudtrail', 'DeleteTrail'),
    apiCall('cloudtrail', 'StartLogging'),
    apiCall('cloudtrail', 'StopLogging'),
  ],
  negatives: [
    apiCall('cloudtrail', 'DescribeTrails', { readOnly: true }),
    apiCall('cloudtrail', 'CreateTrail', { userIdentity: awsService('cloudformation') }),
  ],
};
