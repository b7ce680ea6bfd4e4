import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A new long-term key is a durable way back in, the more so on someone else’s user. */
export const iamAccessKeyCreated: Rule = {
  id: 'iam-access-key-created',
  severity: 'medium',
  title: 'IAM access key created',
  references: [
    'stratus:aws.persistence.iam-backdoor-user',
    'attack:T1098.001',
    'stratus:aws.persistence.iam-create-admin-user',
    'attack:T1136.003',
  ],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "CreateAccessKey" }',
  positives: [apiCall('iam', 'CreateAccessKey', { requestParameters: { userName: 'bob' } })],
  negatives: [
    apiCall('iam', 'ListAccessKeys', { readOnly: true }),
    apiCall('iam', 'UpdateAccessKey', { requestParameters: { status: 'Inactive' } }),
  ],
};
