import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Deregistering images destroys the means to rebuild instances. */
export const amiDeregistered: Rule = {
  id: 'ami-deregistered',
  severity: 'medium',
  title: 'AMI deregistered',
  references: ['stratus:aws.impact.ec2-deregister-ami', 'attack:T1485.A002'],
  filterPattern: '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "DeregisterImage" }',
  positives: [apiCall('ec2', 'DeregisterImage', { requestParameters: { imageId: 'ami-1' } })],
  negatives: [apiCall('ec2', 'DescribeImages', { readOnly: true })],
};
