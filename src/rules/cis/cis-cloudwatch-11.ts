import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/** CIS CloudWatch.11: NACL changes (3.11 / 4.11). The pattern is Security Hub's, verbatim; keep it byte for byte. */
export const cisCloudwatch11: Rule = {
  id: 'cis-cloudwatch-11',
  severity: 'low',
  title: 'Network ACL changed',
  references: ['cis:CloudWatch.11'],
  filterPattern:
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'NetworkAclChanges' },
  positives: [
    apiCall('ec2', 'CreateNetworkAcl'),
    apiCall('ec2', 'CreateNetworkAclEntry'),
    apiCall('ec2', 'DeleteNetworkAcl'),
    apiCall('ec2', 'DeleteNetworkAclEntry'),
    apiCall('ec2', 'ReplaceNetworkAclEntry'),
    apiCall('ec2', 'ReplaceNetworkAclAssociation'),
  ],
  negatives: [
    apiCall('ec2', 'DescribeNetworkAcls', { readOnly: true }),
    apiCall('ec2', 'CreateNetworkAcl', { userIdentity: awsService('cloudformation') }),
  ],
};
