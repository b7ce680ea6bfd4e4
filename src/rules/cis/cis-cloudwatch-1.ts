import { apiCall, rootUser } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.1: Root user usage (1.2: 1.1, 3.3; 1.4: 1.7, 4.3).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch1: Rule = {
  id: 'cis-cloudwatch-1',
  severity: 'high',
  title: 'Root user used',
  references: ['cis:CloudWatch.1'],
  filterPattern:
    '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'RootUserUsage' },
  positives: [
    apiCall('s3', 'CreateBucket', { userIdentity: rootUser() }),
    apiCall('iam', 'ListUsers', { userIdentity: rootUser(), readOnly: true }),
  ],
  negatives: [
    apiCall('s3', 'CreateBucket'),
    apiCall('kms', 'Decrypt', { userIdentity: { ...rootUser(), invokedBy: 'support.amazonaws.com' } }),
    apiCall('signin', 'CheckMfa', { userIdentity: rootUser(), eventType: 'AwsServiceEvent' }),
  ],
};
