import { apiCall } from '../testing';
import type { Rule } from '../types';

/** GPU and accelerator instances are what crypto-mining and model abuse launch; denied attempts count too. */
export const ec2UnusualInstanceLaunched: Rule = {
  id: 'ec2-unusual-instance-launched',
  severity: 'medium',
  title: 'GPU or accelerated EC2 instances launched',
  references: ['stratus:aws.execution.ec2-launch-unusual-instances', 'attack:T1496.A008', 'attack:T1578.002'],
  filterPattern:
    '{ $.eventSource = "ec2.amazonaws.com" && $.eventName = "RunInstances" ' +
    '&& ($.requestParameters.instanceType = "p*" || $.requestParameters.instanceType = "g*" ' +
    '|| $.requestParameters.instanceType = "inf*" || $.requestParameters.instanceType = "trn*" ' +
    '|| $.requestParameters.instanceType = "dl*") }',
  positives: [
    apiCall('ec2', 'RunInstances', { requestParameters: { instanceType: 'p2.xlarge' } }),
    apiCall('ec2', 'RunInstances', {
      requestParameters: { instanceType: 'g5.12xlarge' },
      errorCode: 'Client.UnauthorizedOperation',
    }),
  ],
  negatives: [
    apiCall('ec2', 'RunInstances', { requestParameters: { instanceType: 'm5.xlarge' } }),
    apiCall('ec2', 'RunInstances'),
  ],
};
