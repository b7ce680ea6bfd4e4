import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.13: Route table changes (3.13 / 4.13).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch13: Rule = {
  id: 'cis-cloudwatch-13',
  severity: 'low',
  title: 'Route table changed',
  references: ['cis:CloudWatch.13'],
  filterPattern:
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'RouteTableChanges' },
  positives: [
    apiCall('ec2', 'CreateRoute'),
    apiCall('ec2', 'CreateRouteTable'),
    apiCall('ec2', 'ReplaceRoute'),
    apiCall('ec2', 'ReplaceRouteTableAssociation'),
    apiCall('ec2', 'DeleteRouteTable'),
    apiCall('ec2', 'DeleteRoute'),
    apiCall('ec2', 'DisassociateRouteTable'),
  ],
  negatives: [
    apiCall('ec2', 'DescribeRouteTables', { readOnly: true }),
    apiCall('ec2', 'CreateRoute', { userIdentity: awsService('cloudformation') }),
  ],
};
