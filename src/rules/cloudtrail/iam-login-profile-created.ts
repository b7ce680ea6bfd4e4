import { apiCall } from '../testing';
import type { Rule } from '../types';

/** A console password on an existing user is a quiet second way in. */
export const iamLoginProfileCreated: Rule = {
  id: 'iam-login-profile-created',
  severity: 'medium',
  title: 'Console password created for an IAM user',
  references: ['stratus:aws.persistence.iam-create-user-login-profile', 'attack:T1098.001'],
  filterPattern: '{ $.eventSource = "iam.amazonaws.com" && $.eventName = "CreateLoginProfile" }',
  positives: [apiCall('iam', 'CreateLoginProfile', { requestParameters: { userName: 'bob' } })],
  negatives: [
    apiCall('iam', 'GetLoginProfile', { readOnly: true }),
    apiCall('iam', 'DeleteLoginProfile', { requestParameters: { userName: 'bob' } }),
  ],
};
