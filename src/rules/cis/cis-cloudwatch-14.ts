import { apiCall, awsService } from '../testing';
import type { Rule } from '../types';
import { CIS_METRIC_NAMESPACE } from './metric';

/** CIS CloudWatch.14: VPC changes (3.14 / 4.14). The pattern is Security Hub's, verbatim; keep it byte for byte. */
export const cisCloudwatch14: Rule = {
  id: 'cis-cloudwatch-14',
  severity: 'low',
  title: 'VPC changed',
  references: ['cis:CloudWatch.14'],
  filterPattern:
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  metric: { namespace: CIS_METRIC_NAMESPACE, name: 'VpcChanges' },
  positives: [
    apiCall('ec2', 'CreateVpc'),
    apiCall('ec2', 'DeleteVpc'),
    apiCall('ec2', 'ModifyVpcAttribute'),
    apiCall('ec2', 'AcceptVpcPeeringConnection'),
    apiCall('ec2', 'CreateVpcPeeringConnection'),
    apiCall('ec2', 'DeleteVpcPeeringConnection'),
    apiCall('ec2', 'RejectVpcPeeringConnection'),
    apiCall('ec2', 'AttachClassicLinkVpc'),
    apiCall('ec2', 'DetachClassicLinkVpc'),
    apiCall('ec2', 'DisableVpcClassicLink'),
    apiCall('ec2', 'EnableVpcClassicLink'),
  ],
  negatives: [
    apiCall('ec2', 'DescribeVpcs', { readOnly: true }),
    apiCall('ec2', 'CreateVpc', { userIdentity: awsService('cloudformation') }),
  ],
};
