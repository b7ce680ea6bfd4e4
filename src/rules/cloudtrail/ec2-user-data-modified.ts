import { apiCall } from '../testing';
import type { Rule } from '../types';

/** New user data runs as root at the next start: a way to execute code on an instance (usually after StopInstances). */
export const ec2UserDataModified: Rule = {
  id: 'ec2-user-data-modified',
  severity: 'high',
  title: 'EC2 instance user data modified',
  references: ['stratus:aws.execution.ec2-user-data'],
  filterPattern:
    '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "ModifyInstanceAttribute" ' +
    '&& $.requestParameters.userData = "*" }',
  positives: [
    apiCall('ec2', 'ModifyInstanceAttribute', {
      requestParameters: { instanceId: 'i-1', userData: '<sensitiveDataRemoved>' },
    }),
  ],
  negatives: [
    apiCall('ec2', 'ModifyInstanceAttribute', {
      requestParameters: { instanceId: 'i-1', instanceType: { value: 'm5.large' } },
    }),
  ],
};
