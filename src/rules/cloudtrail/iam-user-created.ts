import { apiCall } from '../testing';
import type { Rule } from '../types';

/** People sign in through federation here; a new IAM user is a new long-lived identity. */
export const iamUserCreated: Rule = {
  id: 'iam-user-created',
  severity: 'medium',
  title: 'IAM user created',
  references: ['stratus:aws.persistence.iam-create-admin-user', 'attack:T1136.003'],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "CreateUser" }',
  positives: [apiCall('iam', 'CreateUser', { requestParameters: { userName: 'malicious-iam-user' } })],
  negatives: [apiCall('iam', 'GetUser', { readOnly: true })],
};
