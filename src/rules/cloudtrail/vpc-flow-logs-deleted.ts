import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Flow logs are the network record of the account; deleting them hides traffic. */
export const vpcFlowLogsDeleted: Rule = {
  id: 'vpc-flow-logs-deleted',
  severity: 'high',
  title: 'VPC flow logs deleted',
  references: ['stratus:aws.defense-evasion.vpc-remove-flow-logs'],
  filterPattern: '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "DeleteFlowLogs" }',
  positives: [
    apiCall('ec2', 'DeleteFlowLogs', {
      requestParameters: { DeleteFlowLogsRequest: { FlowLogId: { content: 'fl-1' } } },
    }),
  ],
  negatives: [apiCall('ec2', 'CreateFlowLogs'), apiCall('ec2', 'DescribeFlowLogs', { readOnly: true })],
};
