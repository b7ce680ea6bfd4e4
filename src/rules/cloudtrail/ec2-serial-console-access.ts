import { apiCall } from '../testing';
import type { Rule } from '../types';

/** The serial console bypasses the network and security groups entirely. */
export const ec2SerialConsoleAccess: Rule = {
  id: 'ec2-serial-console-access',
  severity: 'high',
  title: 'EC2 serial console enabled or SSH key pushed to it',
  references: ['stratus:aws.lateral-movement.ec2-serial-console-send-ssh-public-key'],
  filterPattern:
    '{ ($.eventSource = "ec2-instance-connect.amazonaws.com" ' +
    '&& $.eventName = "SendSerialConsoleSSHPublicKey") || ($.eventSource = "ec2.amazonaws.com" ' +
    '&& $.eventName = "EnableSerialConsoleAccess") }',
  positives: [
    apiCall('ec2', 'EnableSerialConsoleAccess'),
    apiCall('ec2-instance-connect', 'SendSerialConsoleSSHPublicKey', { requestParameters: { instanceId: 'i-1' } }),
  ],
  negatives: [
    apiCall('ec2', 'GetSerialConsoleAccessStatus', { readOnly: true }),
    apiCall('ec2', 'DisableSerialConsoleAccess'),
  ],
};
