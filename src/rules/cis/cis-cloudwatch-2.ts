import { apiCall } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.2: Unauthorized API calls (1.2: 3.1).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch2: Rule = {
  id: 'cis-cloudwatch-2',
  severity: 'low',
  title: 'API call denied: unauthorized operation or access denied',
  references: ['cis:CloudWatch.2'],
  filterPattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'UnauthorizedApiCalls' },
  positives: [
    apiCall('ec2', 'GetPasswordData', { errorCode: 'Client.UnauthorizedOperation' }),
    apiCall('s3', 'GetObject', { errorCode: 'AccessDenied' }),
    apiCall('iam', 'ListRoles', { errorCode: 'AccessDeniedException' }),
  ],
  negatives: [
    apiCall('ec2', 'RunInstances', { errorCode: 'Client.InstanceLimitExceeded' }),
    apiCall('s3', 'GetObject'),
  ],
};
