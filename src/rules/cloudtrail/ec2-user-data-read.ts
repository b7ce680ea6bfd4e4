import { apiCall } from '../testing';
import type { Rule } from '../types';

/** User data often holds bootstrap secrets; reading it is rarely needed after launch. */
export const ec2UserDataRead: Rule = {
  id: 'ec2-user-data-read',
  severity: 'medium',
  title: 'EC2 instance user data read',
  references: ['stratus:aws.discovery.ec2-download-user-data'],
  filterPattern:
    '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "DescribeInstanceAttribute" ' +
    '&& $.requestParameters.attribute = "userData" }',
  positives: [
    apiCall('ec2', 'DescribeInstanceAttribute', {
      readOnly: true,
      requestParameters: { instanceId: 'i-1', attribute: 'userData' },
    }),
  ],
  negatives: [
    apiCall('ec2', 'DescribeInstanceAttribute', {
      readOnly: true,
      requestParameters: { instanceId: 'i-1', attribute: 'instanceType' },
    }),
  ],
};
