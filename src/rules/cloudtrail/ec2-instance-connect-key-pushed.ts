import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A pushed key grants SSH to the instance for a minute: a way to move onto hosts. */
export const ec2InstanceConnectKeyPushed: Rule = {
  id: 'ec2-instance-connect-key-pushed',
  severity: 'medium',
  title: 'SSH key pushed to an instance with EC2 Instance Connect',
  references: ['stratus:aws.lateral-movement.ec2-instance-connect'],
  filterPattern: '{ $.eventSource = "ec2-instance-connect.amazonaws.com" && $.eventName = "SendSSHPublicKey" }',
  positives: [
    apiCall('ec2-instance-connect', 'SendSSHPublicKey', {
      requestParameters: { instanceId: 'i-1', instanceOSUser: 'ec2-user' },
    }),
  ],
  negatives: [apiCall('ec2', 'DescribeInstances', { readOnly: true })],
};
