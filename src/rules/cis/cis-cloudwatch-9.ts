import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.9: AWS Config configuration changes (3.9 / 4.9).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch9: Rule = {
  id: 'cis-cloudwatch-9',
  severity: 'medium',
  title: 'AWS Config recorder or delivery channel changed',
  references: ['cis:CloudWatch.9'],
  filterPattern:
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'AwsConfigChanges' },
  positives: [
    apiCall('config', 'StopConfigurationRecorder'),
    apiCall('config', 'DeleteDeliveryChannel'),
    apiCall('config', 'PutDeliveryChannel'),
    apiCall('config', 'PutConfigurationRecorder'),
  ],
  negatives: [
    apiCall('config', 'DescribeConfigurationRecorders', { readOnly: true }),
    apiCall('config', 'StopConfigurationRecorder', { userIdentity: awsService('cloudformation') }),
    apiCall('ec2', 'StopConfigurationRecorder'),
  ],
};
