import { apiCall } from '../testing';
import type { Rule } from '../types';

/** Someone read the encrypted administrator password of a Windows instance; denied attempts count too. */
export const ec2PasswordDataRetrieved: Rule = {
  id: 'ec2-password-data-retrieved',
  severity: 'medium',
  title: 'EC2 Windows password data retrieved',
  references: ['stratus:aws.credential-access.ec2-get-password-data'],
  filterPattern: '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "GetPasswordData" }',
  positives: [
    apiCall('ec2', 'GetPasswordData', { readOnly: true, requestParameters: { instanceId: 'i-0abc' } }),
    apiCall('ec2', 'GetPasswordData', { readOnly: true, errorCode: 'Client.UnauthorizedOperation' }),
  ],
  negatives: [apiCall('ec2', 'GetConsoleOutput', { readOnly: true })],
};
