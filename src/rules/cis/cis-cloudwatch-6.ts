import { apiCall } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.6: Console authentication failures (3.6 / 4.6).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch6: Rule = {
  id: 'cis-cloudwatch-6',
  severity: 'medium',
  title: 'Console authentication failed',
  references: ['cis:CloudWatch.6'],
  filterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'ConsoleAuthenticationFailures' },
  positives: [
    apiCall('signin', 'ConsoleLogin', {
      errorMessage: 'Failed authentication',
      responseElements: { ConsoleLogin: 'Failure' },
    }),
  ],
  negatives: [apiCall('signin', 'ConsoleLogin', { responseElements: { ConsoleLogin: 'Success' } })],
};
