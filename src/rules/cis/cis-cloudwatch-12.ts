import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/**
 * CIS CloudWatch.12: Network gateway changes (3.12 / 4.12).
 * The pattern is Security Hub's, verbatim; keep it byte for byte.
 */
export const cisCloudwatch12: Rule = {
  id: 'cis-cloudwatch-12',
  severity: 'low',
  title: 'Network gateway changed',
  references: ['cis:CloudWatch.12'],
  filterPattern:
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'NetworkGatewayChanges' },
  positives: [
    apiCall('ec2', 'CreateCustomerGateway'),
    apiCall('ec2', 'DeleteCustomerGateway'),
    apiCall('ec2', 'AttachInternetGateway'),
    apiCall('ec2', 'CreateInternetGateway'),
    apiCall('ec2', 'DeleteInternetGateway'),
    apiCall('ec2', 'DetachInternetGateway'),
  ],
  negatives: [
    apiCall('ec2', 'DescribeInternetGateways', { readOnly: true }),
    apiCall('ec2', 'CreateCustomerGateway', { userIdentity: awsService('cloudformation') }),
  ],
};
