import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.10: Security group changes (3.10 / 4.10).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch10: Rule = {
  id: 'cis-cloudwatch-10',
  severity: 'low',
  title: 'Security group changed',
  references: ['cis:CloudWatch.10'],
  filterPattern:
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'SecurityGroupChanges' },
  positives: [
    apiCall('ec2', 'AuthorizeSecurityGroupIngress'),
    apiCall('ec2', 'AuthorizeSecurityGroupEgress'),
    apiCall('ec2', 'RevokeSecurityGroupIngress'),
    apiCall('ec2', 'RevokeSecurityGroupEgress'),
    apiCall('ec2', 'CreateSecurityGroup'),
    apiCall('ec2', 'DeleteSecurityGroup'),
  ],
  negatives: [
    apiCall('ec2', 'DescribeSecurityGroups', { readOnly: true }),
    apiCall('ec2', 'AuthorizeSecurityGroupIngress', { userIdentity: awsService('cloudformation') }),
  ],
};
