import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Remote command execution on instances, also the usual way to read instance credentials off a host. */
export const ssmCommandSent: Rule = {
  id: 'ssm-command-sent',
  severity: 'medium',
  title: 'SSM command sent to instances',
  references: [
    'stratus:aws.execution.ssm-send-command',
    'stratus:aws.credential-access.ec2-steal-instance-credentials',
    'attack:T1552.005',
  ],
  filterPattern: '{ $.eventSource = "ssm.amazonaws.com" && $.eventName = "SendCommand" }',
  positives: [
    apiCall('ssm', 'SendCommand', {
      requestParameters: { documentName: 'AWS-RunShellScript', instanceIds: ['i-1', 'i-2'] },
    }),
  ],
  negatives: [
    apiCall('ssm', 'ListCommands', { readOnly: true }),
    apiCall('ssm', 'GetCommandInvocation', { readOnly: true }),
  ],
};
